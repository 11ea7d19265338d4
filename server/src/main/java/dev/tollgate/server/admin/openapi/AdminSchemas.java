package dev.tollgate.server.admin.openapi;

import static dev.tollgate.server.admin.openapi.Schema.arrayOf;
import static dev.tollgate.server.admin.openapi.Schema.bool;
import static dev.tollgate.server.admin.openapi.Schema.integer;
import static dev.tollgate.server.admin.openapi.Schema.object;
import static dev.tollgate.server.admin.openapi.Schema.oneOf;
import static dev.tollgate.server.admin.openapi.Schema.ref;
import static dev.tollgate.server.admin.openapi.Schema.string;
import static dev.tollgate.server.admin.openapi.Schema.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.protocol.ApiErrorBody;
import dev.tollgate.protocol.ClientSecretFile;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import dev.tollgate.server.http.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schemas of {@code components/schemas}: the resources the admin routes render (as in
 * {@code Resources} and the route classes) and the request bodies they accept, plus the records
 * they share with the rest of Tollgate, read from the records themselves.
 */
final class AdminSchemas {
    private final Map<String, ObjectNode> schemas = new TreeMap<>();

    AdminSchemas() {
        var records = new RecordSchemas(Json.MAPPER);
        records.answer(ApiErrorBody.class);
        records.answer(ServiceAccountKeyFile.class);
        records.answer(ClientSecretFile.class);
        records.inAndOut(KeyRestrictions.class);
        schemas.putAll(records.schemas());
        projects();
        keysAndServiceAccounts();
        oauthClients();
        accounting();
        auditAndPeople();
    }

    Map<String, ObjectNode> all() {
        return schemas;
    }

    private void put(String name, Schema.Obj schema) {
        schemas.put(name, schema.build());
    }

    private void list(String name, String field, String item) {
        put(name, object("A list of " + item + ".").required(field, arrayOf(ref(item), item + " resources.")));
    }

    private void projects() {
        put("Project", object("A project: who may use which APIs, and what they pay for.")
                .required("projectId", string("The id chosen at creation: 6 to 30 lower-case letters, digits and hyphens, starting with a letter."))
                .required("projectNumber", string("Twelve digits given at creation."))
                .required("displayName", string("A name for people."))
                .required("createTime", time("When it was created.")));
        list("ProjectList", "projects", "Project");
        put("CreateProject", object("A new project; the caller becomes its owner.").closed()
                .required("projectId", string("6 to 30 lower-case letters, digits and hyphens, starting with a letter; never reused."))
                .optional("displayName", string("At most 100 printable characters; the project id when left out.")));
        put("Service", object("An API of the catalog and whether the project may call it.")
                .required("name", string("The API's name, such as posts."))
                .required("version", string("Its version, such as v1."))
                .required("title", string("Its title."))
                .required("enabled", bool("Whether the project may call it.")));
        list("ServiceList", "services", "Service");
        put("Member", object("A member of the project and its role.")
                .required("member", string("user:EMAIL or serviceAccount:EMAIL."))
                .required("role", oneOf("Each role includes the ones after it.", "owner", "editor", "viewer")));
        list("MemberList", "members", "Member");
        put("SetMember", object("Grants a role, replacing the member's role if it had one.").closed()
                .required("member", string("user:EMAIL or serviceAccount:EMAIL."))
                .required("role", oneOf("The role to grant.", "owner", "editor", "viewer")));
        put("Empty", object("Nothing: the change was made."));
    }

    private void keysAndServiceAccounts() {
        Schema.Obj key = apiKey(object("An API key; its key string is shown only when it is created."));
        put("ApiKey", key);
        put("CreatedApiKey", apiKey(object("A new API key with its key string, shown this once."))
                .required("keyString", string("The key to send as ?key= or X-Goog-Api-Key.")));
        list("ApiKeyList", "keys", "ApiKey");
        put("CreateApiKey", object("A new API key.").closed()
                .optional("displayName", string("A name for people."))
                .optional("restrictions", ref("KeyRestrictions", "Where the key may be used; none restricts nothing.")));
        put("UpdateApiKey", object("What to change; a field left out stays as it is.").closed()
                .optional("displayName", string("A name for people."))
                .optional("restrictions", ref("KeyRestrictions", "Replaces the restrictions; null removes them.")));

        put("ServiceAccount", object("A service account: a robot identity of the project.")
                .required("email", string("ACCOUNT_ID@PROJECT_ID.iam (admin@tollgate.iam for the platform's)."))
                .required("uniqueId", string("A number that is never reused."))
                .required("displayName", string("A name for people."))
                .required("projectId", string("The project it belongs to."))
                .required("disabled", bool("A disabled account gets no tokens.")));
        list("ServiceAccountList", "serviceAccounts", "ServiceAccount");
        put("CreateServiceAccount", object("A new service account.").closed()
                .required("accountId", string("6 to 30 lower-case letters, digits and hyphens."))
                .optional("displayName", string("A name for people.")));
        put("ServiceAccountKey", serviceAccountKey(object("A key of a service account; Tollgate keeps only its public half.")));
        put("CreatedServiceAccountKey", serviceAccountKey(object("A generated key with its key file, shown this once."))
                .required("privateKeyType", oneOf("The format of privateKeyData.", "TYPE_GOOGLE_CREDENTIALS_FILE"))
                .required("privateKeyData", string("Base64 of the key file (a ServiceAccountKeyFile), as Google gives it.")
                        .put("contentEncoding", "base64").put("contentMediaType", "application/json")
                        .set("contentSchema", ref("ServiceAccountKeyFile"))));
        list("ServiceAccountKeyList", "keys", "ServiceAccountKey");
        put("CreateServiceAccountKey", object("Google's fields, accepted and ignored: keys are RSA 2048 key files.").closed()
                .optional("privateKeyType", string("Ignored."))
                .optional("keyAlgorithm", string("Ignored.")));
        put("UploadServiceAccountKey", object("A public key made elsewhere; the private key never reaches Tollgate.").closed()
                .required("publicKeyData", string("Base64 of a PEM RSA public key or X.509 certificate.").put("contentEncoding", "base64")));
    }

    private static Schema.Obj apiKey(Schema.Obj schema) {
        return schema
                .required("keyId", string("The key's id."))
                .required("name", string("The resource name, projects/PROJECT_ID/keys/KEY_ID."))
                .required("displayName", string("A name for people."))
                .required("restrictions", ref("KeyRestrictions", "Where the key may be used."))
                .required("createTime", time("When it was created."));
    }

    private static Schema.Obj serviceAccountKey(Schema.Obj schema) {
        return schema
                .required("keyId", string("The key's id, the kid of the JWTs it signs."))
                .required("createTime", time("When it was created or uploaded."))
                .required("disabled", bool("A disabled key's assertions are refused."))
                .required("keyOrigin", oneOf("Generated by Tollgate or uploaded.", "GOOGLE_PROVIDED", "USER_PROVIDED"));
    }

    private void oauthClients() {
        put("OAuthClient", oauthClient(object("An OAuth client of the project.")));
        put("CreatedOAuthClient", oauthClient(object("A new OAuth client with its secret, shown this once."))
                .required("clientSecret", string("The client's first secret."))
                .required("clientSecretJson", ref("ClientSecretFile", "Google's client_secret.json for the client.")));
        list("OAuthClientList", "oauthClients", "OAuthClient");
        put("CreateOAuthClient", object("A new OAuth client.").closed()
                .required("type", oneOf("web: a confidential server application; installed: a public native or command-line one (PKCE).",
                        "web", "installed"))
                .optional("displayName", string("A name for people."))
                .optional("redirectUris", arrayOf(string("A redirect URI."), "Exact redirect URIs; installed clients may also use any loopback one."))
                .optional("javascriptOrigins", arrayOf(string("https://host[:port]."), "Origins of a web client's pages.")));
        put("UpdateOAuthClient", object("What to change; a field left out stays as it is, a list given replaces the registered one.").closed()
                .optional("displayName", string("A name for people."))
                .optional("redirectUris", arrayOf(string("A redirect URI."), "Exact redirect URIs, checked as at creation."))
                .optional("javascriptOrigins", arrayOf(string("https://host[:port]."), "Origins of a web client's pages.")));
        put("ClientSecret", object("A client secret; only its hash is kept.")
                .required("secretId", string("The secret's id."))
                .required("createTime", time("When it was created.")));
        put("CreatedClientSecret", object("A new client secret, shown this once.")
                .required("secretId", string("The secret's id."))
                .required("createTime", time("When it was created."))
                .required("clientSecret", string("The secret.")));
        list("ClientSecretList", "secrets", "ClientSecret");
        put("CreateClientSecret", object("Nothing to give: a secret is made up.").closed());
        put("ConsentScreen", object("What the consent and permissions pages show for the project's clients.")
                .required("applicationName", string("The application's name; the project's display name until set."))
                .optional("supportEmail", string("Where people may write."))
                .optional("homepage", string("An http(s) URL.")));
        put("UpdateConsentScreen", object("What to change; a field left out stays as it is, \"\" clears it.").closed()
                .optional("applicationName", string("1 to 100 printable characters."))
                .optional("supportEmail", string("An email address, or \"\"."))
                .optional("homepage", string("An http(s) URL, or \"\".")));
    }

    private static Schema.Obj oauthClient(Schema.Obj schema) {
        return schema
                .required("clientId", string("The client id."))
                .required("type", oneOf("The kind of client.", "web", "installed"))
                .required("displayName", string("A name for people."))
                .required("redirectUris", arrayOf(string("A redirect URI."), "Registered redirect URIs."))
                .required("javascriptOrigins", arrayOf(string("An origin."), "Registered origins."))
                .required("createTime", time("When it was created."));
    }

    private void accounting() {
        put("Billing", object("The project's billing account.")
                .required("enabled", bool("Whether calls to priced APIs are allowed and billed."))
                .optional("monthlyBudget", string("A cap per month, as a decimal string like \"250.00\"; none when left out.")));
        put("UpdateBilling", object("What to change; a field left out stays as it is.").closed()
                .optional("enabled", bool("Turns billing on or off."))
                .optional("monthlyBudget", Schema.type("string").put("description", "A decimal string like \"250.00\"; null or \"\" removes the cap.")
                        .set("type", Json.MAPPER.createArrayNode().add("string").add("null"))));
        put("StatementLine", object("One method's calls in the month.")
                .required("service", string("The API."))
                .required("method", string("The method id."))
                .required("calls", integer("All calls."))
                .required("billableCalls", integer("Calls past the free tier."))
                .required("freeCalls", integer("Calls in the free tier."))
                .required("unitPricePer1000", string("Price per 1000 billable calls, a decimal string."))
                .required("amount", string("What the line costs, a decimal string.")));
        put("Statement", object("A month's statement; with Accept: text/csv the same as CSV.")
                .required("projectId", string("The project."))
                .required("month", string("YYYY-MM.").put("pattern", "^[0-9]{4}-[0-9]{2}$"))
                .required("currency", string("ISO 4217 code."))
                .required("lines", arrayOf(ref("StatementLine"), "One line per method called."))
                .required("total", string("The month's total, a decimal string.")));
        put("UsageRow", object("Calls counted for one group; only the fields grouped by are present.")
                .optional("service", string("The API, when grouped by service."))
                .optional("method", string("The method id, when grouped by method."))
                .optional("status", integer("The HTTP status, when grouped by status."))
                .required("calls", integer("How many calls.")));
        list("Usage", "rows", "UsageRow");
        put("QuotaLimit", object("A quota of an API for the project.")
                .required("service", string("The API."))
                .required("name", oneOf("The quota.", "requests-per-minute-per-project", "requests-per-day-per-project",
                        "requests-per-minute-per-user"))
                .required("window", oneOf("The window calls are counted in.", "minute", "day"))
                .required("per", oneOf("Counted per project or per user.", "project", "user"))
                .required("defaultLimit", integer("The catalog's limit."))
                .required("effectiveLimit", integer("The limit in force, with the project's override.")));
        list("QuotaLimits", "limits", "QuotaLimit");
        put("QuotaOverride", object("A limit for one quota; null goes back to the catalog's.").closed()
                .required("service", string("The API."))
                .required("name", string("The quota's name."))
                .optional("limit", Schema.type("integer").put("description",
                        "The new limit; editors may only lower it, platform administrators may raise it. null removes the override.")
                        .set("type", Json.MAPPER.createArrayNode().add("integer").add("string").add("null"))));
        put("UpdateQuotas", object("Overrides to set or remove, at most 100.").closed()
                .required("overrides", arrayOf(ref("QuotaOverride"), "The changes.")));
    }

    private void auditAndPeople() {
        put("AuditActor", object("Who made the change.")
                .required("kind", oneOf("The kind of caller.", "person", "serviceAccount", "anonymous"))
                .optional("email", string("Their address."))
                .optional("id", string("Their id.")));
        put("AuditOutcome", object("How the request ended.")
                .required("httpStatus", integer("The HTTP status answered."))
                .required("status", string("OK or the Google error status."))
                .optional("reason", string("The error reason, on failure.")));
        put("AuditLogEntry", object("One change made through the admin API.")
                .required("time", time("When."))
                .required("actor", ref("AuditActor"))
                .required("method", string("The change's method name, such as projects.keys.create."))
                .optional("projectId", string("The project changed, if any."))
                .required("resource", string("The resource changed, such as projects/P/keys/K."))
                .required("address", string("The caller's address."))
                .required("outcome", ref("AuditOutcome")));
        put("AuditLogPage", object("A page of the audit log, newest first.")
                .required("auditLogs", arrayOf(ref("AuditLogEntry"), "The entries."))
                .optional("nextPageToken", string("Pass as pageToken for the next page; absent on the last.")));
        put("User", object("A person who signs in with email and password.")
                .required("userId", string("21 digits."))
                .required("email", string("Their address, lower case."))
                .required("emailVerified", bool("Whether the address is verified; roles granted to it apply only then."))
                .optional("disabled", bool("A disabled person cannot sign in and holds no session or token."))
                .required("createTime", time("When they were created."))
                .optional("verificationMail", oneOf("On create without emailVerified: what became of the verification mail.",
                        "SENT", "FAILED", "THROTTLED")));
        list("UserList", "users", "User");
        put("CreateUser", object("A new person.").closed()
                .required("email", string("Their address."))
                .required("password", string("Their first password, as the password policy allows."))
                .optional("emailVerified", bool("true: verified at once; otherwise a verification link is mailed.")));
        put("UserAction", object("The answer of :revokeVerification, :disable and :enable (the user) or :resendVerification (the address and the mail's fate).")
                .required("email", string("Their address."))
                .optional("userId", string("21 digits (revokeVerification)."))
                .optional("emailVerified", bool("false (revokeVerification); whether the address is verified (disable, enable)."))
                .optional("disabled", bool("Whether the account is now disabled (disable, enable)."))
                .optional("createTime", time("When they were created (revokeVerification, disable, enable)."))
                .optional("verificationMail", oneOf("What became of the mail (resendVerification).", "SENT", "FAILED")));
        put("OpenApiDocument", object("This document.")
                .required("openapi", string("The OpenAPI version, 3.1.0."))
                .required("info", Schema.type("object"))
                .required("paths", Schema.type("object"))
                .required("components", Schema.type("object")));
    }
}
