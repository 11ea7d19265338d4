package dev.tollgate.server.console;

import dev.tollgate.core.principal.Member;
import java.util.Locale;

/** The IAM page's "Add a member" form as sent, or as shown again after a refusal with what the person typed. */
public record MemberForm(String member, String role, String error) {
    static final MemberForm EMPTY = new MemberForm("", "viewer", null);

    /**
     * The member typed: {@code user:EMAIL} and {@code serviceAccount:EMAIL} as IAM writes them, or a
     * bare address, a service account's when it ends in {@code .iam} (as every service account's does).
     */
    Member parsed() {
        String text = member.strip();
        if (text.contains(":")) {
            return Member.parse(text);
        }
        return Member.parse((text.toLowerCase(Locale.ROOT).endsWith(".iam") ? "serviceAccount:" : "user:") + text);
    }
}
