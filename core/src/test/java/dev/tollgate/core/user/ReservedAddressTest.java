package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses of the service-account domain are no person's, however they are spelled. */
class ReservedAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "admin@tollgate.iam", "poster-bot@my-first-app.iam", "x@iam", "someone@deep.sub.project.iam",
            // case and surrounding space
            "ADMIN@TOLLGATE.IAM", "Admin@Tollgate.Iam", "  admin@tollgate.iam  ", "\tadmin@tollgate.iam\n", "admin@tollgate.IaM",
            // full-width and other compatibility forms (NFKC)
            "\uff41\uff44\uff4d\uff49\uff4e\uff20\uff54\uff4f\uff4c\uff4c\uff47\uff41\uff54\uff45\uff0e\uff49\uff41\uff4d",
            "admin@tollgate.\uff49\uff41\uff4d", "admin\uff20tollgate.iam", "admin@tollgate\uff0eiam",
            "admin@tollgate.\u2170am", "admin@tollgate.i\u1d43m",
            // punycode labels that read as iam: Cyrillic i and a, Greek iota, dotless i, accents, invisibles
            "admin@tollgate.xn--am-goc", "admin@tollgate.xn--im-7kc", "admin@tollgate.xn--am-z9b", "admin@tollgate.xn--am-gpa",
            "admin@tollgate.xn--am-mja", "admin@tollgate.xn--iam-5m0a", "admin@tollgate.XN--AM-GOC", "admin@tollgate.xn--m-7sb7i",
            "admin@tollgate.xn--80ay6e", "admin@tollgate.xn--am-9gb", "admin@tollgate.xn--im-5eb",
            // the local part routes there: percent-encoded @, the percent hack, double encoding
            "admin%40tollgate.iam@example.com", "admin%tollgate.iam@relay.example", "admin%2540tollgate.iam@example.com",
            "admin%tollgate.iam%relay.example@example.com", "admin%40tollgate%2eiam@example.com"})
    void everySpellingOfAServiceAccountAddressIsReservedForServiceAccounts(String spelling) {
        assertThatThrownBy(() -> EmailAddress.requirePerson(spelling)).isInstanceOf(AccountException.class)
                .extracting(e -> ((AccountException) e).problem()).isIn(AccountProblem.EMAIL_RESERVED, AccountProblem.EMAIL_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ADMIN@TOLLGATE.IAM", "  admin@tollgate.iam ", "admin@tollgate.xn--am-goc", "admin%40tollgate.iam@example.com",
            "\uff41\uff44\uff4d\uff49\uff4e\uff20\uff54\uff4f\uff4c\uff4c\uff47\uff41\uff54\uff45\uff0e\uff49\uff41\uff4d"})
    void wellFormedSpellingsAreRefusedAsReservedNotMerelyMalformed(String spelling) {
        assertThatThrownBy(() -> EmailAddress.requirePerson(spelling)).isInstanceOf(AccountException.class)
                .extracting(e -> ((AccountException) e).problem()).isEqualTo(AccountProblem.EMAIL_RESERVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // forms that no stored address has: refused as malformed, never stored
            "admin@tollgate.iam.", "\"admin\"@tollgate.iam", "admin@tollgate%2eiam", "admin@tollgate.\u0456\u0430m",
            "admin@tollgate\u3002iam", "<admin@tollgate.iam>", "admin@tollgate.iam\u200b", "admin@[tollgate.iam]"})
    void malformedSpellingsAreRefusedToo(String spelling) {
        assertThatThrownBy(() -> EmailAddress.requirePerson(spelling)).isInstanceOf(AccountException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "iam@example.com", "x@iam.example.com", "x@p.iamx", "x@p.i-am", "x@p.ia",
            "x@xn--iam-example.com", "x@p.xn--p1ai", "admin%tollgate@example.com", "admin%25tollgate.iam.example@example.com"})
    void addressesOutsideTheDomainStayAvailableToPeople(String address) {
        assertThat(EmailAddress.requirePerson(address)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uff41\uff4c\uff49\uff43\uff45@example.com", "  ALICE@EXAMPLE.COM", "alice\uff20example.com"})
    void compatibilitySpellingsOfAPersonsAddressNormaliseToOneStoredForm(String spelling) {
        assertThat(EmailAddress.requirePerson(spelling)).isEqualTo("alice@example.com");
    }
}
