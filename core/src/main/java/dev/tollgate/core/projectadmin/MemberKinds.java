package dev.tollgate.core.projectadmin;

import dev.tollgate.core.principal.Member;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.user.EmailAddress;
import dev.tollgate.protocol.ApiError;
import java.util.Optional;

/**
 * A member string's kind must match its address: {@code user:} never names an address of the
 * service-account domain (in any spelling), and {@code serviceAccount:} only names one. Otherwise a
 * grant meant for one principal would fall to the other.
 */
public final class MemberKinds {
    private MemberKinds() {}

    /** The member in its stored form, or INVALID_ARGUMENT when its kind and address disagree. */
    public static Member requireGrantable(Member member) {
        Optional<String> email = EmailAddress.parse(member.email());
        return switch (member.kind()) {
            case USER -> {
                String person = email.orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception("Invalid member: " + member + " is not a valid email address."));
                if (EmailAddress.isReservedForServiceAccounts(person)) {
                    throw ApiError.INVALID_ARGUMENT.exception(
                            "Invalid member: addresses ending in .iam belong to service accounts; name them as serviceAccount:EMAIL.");
                }
                yield Member.user(person);
            }
            case SERVICE_ACCOUNT -> {
                if (email.filter(member.email()::equals).filter(e -> e.endsWith(ServiceAccount.EMAIL_DOMAIN_SUFFIX)).isEmpty()) {
                    throw ApiError.INVALID_ARGUMENT.exception(
                            "Invalid member: serviceAccount: names a service account's address, ACCOUNT@PROJECT.iam.");
                }
                yield member;
            }
        };
    }
}
