package dev.tollgate.server.admin;

import dev.tollgate.core.billing.BillingAccount;
import dev.tollgate.core.billing.Statement;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.oauth.ClientSecret;
import dev.tollgate.core.oauth.ConsentScreen;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.projectadmin.ProjectService;
import dev.tollgate.core.quota.QuotaService;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.protocol.admin.ApiKeyResource;
import dev.tollgate.protocol.admin.BillingResource;
import dev.tollgate.protocol.admin.ClientSecretResource;
import dev.tollgate.protocol.admin.ConsentScreenResource;
import dev.tollgate.protocol.admin.KeyRestrictionsResource;
import dev.tollgate.protocol.admin.Member;
import dev.tollgate.protocol.admin.OAuthClientResource;
import dev.tollgate.protocol.admin.Project;
import dev.tollgate.protocol.admin.QuotaLimit;
import dev.tollgate.protocol.admin.ServiceAccountKeyResource;
import dev.tollgate.protocol.admin.ServiceAccountResource;
import dev.tollgate.protocol.admin.ServiceState;
import dev.tollgate.protocol.admin.StatementResource;
import java.math.BigDecimal;

/** The admin API's resource representations (CONTRACT.md, "Resources"): domain objects as the protocol's records. */
final class Resources {
    private Resources() {}

    static Project project(dev.tollgate.core.project.Project p) {
        return new Project(p.projectId(), p.projectNumber(), p.displayName(), p.createTime().toString());
    }

    static ServiceState service(ProjectService.ServiceState s) {
        return new ServiceState(s.api().name(), s.api().version(), s.api().title(), s.enabled());
    }

    static ApiKeyResource key(ApiKey k) {
        return new ApiKeyResource(k.keyId(), k.name(), k.displayName(), k.restrictions() == null ? null : restrictions(k.restrictions()), k.createTime().toString(), null);
    }

    static KeyRestrictionsResource restrictions(KeyRestrictions r) {
        return new KeyRestrictionsResource(
                r.apiTargets().stream().map(t -> new KeyRestrictionsResource.ApiTarget(t.service(), t.methods())).toList(),
                r.allowedIps(), r.allowedReferrers(),
                r.androidApps().stream().map(a -> new KeyRestrictionsResource.AndroidApp(a.packageName(), a.sha1Fingerprint())).toList(),
                r.iosBundleIds());
    }

    static ServiceAccountResource serviceAccount(ServiceAccount a) {
        return new ServiceAccountResource(a.email(), a.uniqueId(), a.displayName(), a.projectId(), a.disabled());
    }

    static ServiceAccountKeyResource serviceAccountKey(ServiceAccountKey k) {
        return new ServiceAccountKeyResource(k.keyId(), k.createTime().toString(), k.disabled(),
                k.origin() == ServiceAccountKey.Origin.GENERATED ? "GOOGLE_PROVIDED" : "USER_PROVIDED");
    }

    static Member member(ProjectMember pm) {
        return new Member(pm.member().toString(), pm.role().wireName());
    }

    static OAuthClientResource client(OAuthClient c) {
        return new OAuthClientResource(c.clientId(), c.type().wireName(), c.displayName(), c.redirectUris(), c.javascriptOrigins(),
                c.createTime().toString());
    }

    static ClientSecretResource secret(ClientSecret s, String secret) {
        return new ClientSecretResource(s.secretId(), s.createTime().toString(), secret);
    }

    static ConsentScreenResource consentScreen(ConsentScreen s) {
        return new ConsentScreenResource(s.applicationName(), s.supportEmail().orElse(null), s.homepage().orElse(null));
    }

    static QuotaLimit quota(QuotaService.Limit l) {
        return new QuotaLimit(l.service(), l.name(), l.window().wireName(), l.perUser() ? "user" : "project", l.defaultLimit(),
                l.effectiveLimit());
    }

    static BillingResource billing(BillingAccount a) {
        return new BillingResource(a.enabled(), a.monthlyBudget().map(BigDecimal::toPlainString).orElse(null));
    }

    static StatementResource statement(Statement s) {
        return new StatementResource(s.projectId(), s.month().toString(), s.currency(), s.lines().stream()
                .map(l -> new StatementResource.Line(l.service(), l.method(), l.calls(), l.billableCalls(), l.freeCalls(),
                        l.unitPricePer1000().toPlainString(), l.amount().toPlainString()))
                .toList(), s.total().toPlainString());
    }
}
