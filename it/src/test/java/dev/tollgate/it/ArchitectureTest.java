package dev.tollgate.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md's rules: dependencies point inward; the domain knows no SQL and no HTTP, and its packages form no cycles. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate");

    @Test
    void protocolDependsOnNothingOfTollgate() {
        noClasses().that().resideInAPackage("dev.tollgate.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.core..", "dev.tollgate.store..", "dev.tollgate.server..", "dev.tollgate.cli..")
                .check(CLASSES);
    }

    @Test
    void clientLibraryNeverDependsOnServerCode() {
        noClasses().that().resideInAPackage("dev.tollgate.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.core..", "dev.tollgate.store..", "dev.tollgate.server..",
                        "dev.tollgate.cli..", "io.javalin..", "com.nimbusds..")
                .check(CLASSES);
    }

    @Test
    void domainKnowsNoHttpAndNoSql() {
        noClasses().that().resideInAPackage("dev.tollgate.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..",
                        "java.sql..", "javax.sql..", "org.jdbi..", "com.zaxxer..", "org.flywaydb..",
                        "dev.tollgate.store..", "dev.tollgate.server..", "dev.tollgate.cli..")
                .check(CLASSES);
    }

    @Test
    void storeKnowsNoHttp() {
        noClasses().that().resideInAPackage("dev.tollgate.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "dev.tollgate.server..", "dev.tollgate.cli..")
                .check(CLASSES);
    }

    @Test
    void serverDoesNotTalkSqlItself() {
        noClasses().that().resideInAPackage("dev.tollgate.server..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..", "dev.tollgate.cli..")
                .check(CLASSES);
    }

    /** Each top-level package of the domain can be read and changed without the ones above it. */
    @Test
    void domainPackagesFormNoCycles() {
        slices().matching("dev.tollgate.core.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
