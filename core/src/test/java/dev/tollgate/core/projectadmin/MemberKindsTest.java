package dev.tollgate.core.projectadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Member;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberKindsTest {

    @ParameterizedTest
    @ValueSource(strings = {"user:admin@tollgate.iam", "user:ADMIN@TOLLGATE.IAM", "user:bot@my-app.iam", "user:x@iam",
            "user:admin@tollgate.xn--am-goc", "user:admin%40tollgate.iam@example.com", "user:admin%tollgate.iam@relay.example",
            "user:admin@tollgate.iam.", "user:a..b@example.com"})
    void aPersonMemberCannotNameAServiceAccountAddress(String text) {
        assertThatThrownBy(() -> MemberKinds.requireGrantable(Member.parse(text))).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ApiError.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serviceAccount:alice@example.com", "serviceAccount:admin@localhost", "serviceAccount:bot@my-app.iam.",
            "serviceAccount:bot@my-app.iamx", "serviceAccount:bot@my-app.xn--am-goc", "serviceAccount:bot..x@my-app.iam"})
    void aServiceAccountMemberMustNameAServiceAccountAddress(String text) {
        assertThatThrownBy(() -> MemberKinds.requireGrantable(Member.parse(text))).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ApiError.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user:alice@example.com", "serviceAccount:bot-123@my-app.iam", "serviceAccount:admin@tollgate.iam"})
    void membersOfTheRightKindAreGrantableAsTheyAre(String text) {
        assertThat(MemberKinds.requireGrantable(Member.parse(text)).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user:Alice@Example.COM", "user:ALICE@EXAMPLE.COM"})
    void personMembersAreStoredInTheAddressesOneForm(String text) {
        assertThat(MemberKinds.requireGrantable(Member.parse(text))).isEqualTo(Member.user("alice@example.com"));
    }
}
