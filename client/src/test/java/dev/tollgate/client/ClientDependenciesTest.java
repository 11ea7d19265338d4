package dev.tollgate.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md: the client library depends on protocol and the JDK only, never on server code. */
class ClientDependenciesTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate.client");

    @Test
    void clientNeverDependsOnServerCode() {
        noClasses().that().resideInAPackage("dev.tollgate.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.core..", "dev.tollgate.store..",
                        "dev.tollgate.server..", "dev.tollgate.cli..")
                .check(CLIENT);
    }

    @Test
    void clientUsesOnlyProtocolJacksonAndTheJdk() {
        classes().that().resideInAPackage("dev.tollgate.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.tollgate.client..", "dev.tollgate.protocol..",
                        "com.fasterxml.jackson..", "java..", "javax..", "com.sun.net.httpserver..", "")
                .check(CLIENT);
    }
}
