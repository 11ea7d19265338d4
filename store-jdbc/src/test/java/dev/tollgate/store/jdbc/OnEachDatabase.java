package dev.tollgate.store.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a {@link RepositoryTest} once per {@link TestDatabases.Kind}: the test takes the kind and
 * starts by opening a fresh database of that kind.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
@interface OnEachDatabase {}
