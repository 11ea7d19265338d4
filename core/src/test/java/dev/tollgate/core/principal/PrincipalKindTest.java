package dev.tollgate.core.principal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalKindTest {

    @Test
    void wireNamesRoundTripAndNothingElseIsAKind() {
        for (PrincipalKind kind : PrincipalKind.values()) {
            assertThat(PrincipalKind.fromWireName(kind.wireName())).isEqualTo(kind);
        }
        assertThat(PrincipalKind.PERSON.wireName()).isEqualTo("person");
        assertThat(PrincipalKind.SERVICE_ACCOUNT.wireName()).isEqualTo("serviceAccount");
        assertThat(PrincipalKind.fromWireName("Person")).isNull();
        assertThat(PrincipalKind.fromWireName("project")).isNull();
        assertThat(PrincipalKind.fromWireName(null)).isNull();
    }

    @Test
    void aPersonAndAServiceAccountOfOneAddressAreDifferentPrincipals() {
        Principal person = new Principal.Person("1", "twin@p.iam");
        Principal account = new Principal.ServiceAccount("twin@p.iam", "2", "p");
        assertThat(person.name()).isNotEqualTo(account.name());
        assertThat(person.member()).isNotEqualTo(account.member());
    }
}
