package dev.tollgate.core.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The query parameters every method of every API takes, as Google's Discovery documents list them. */
final class StandardParameters {

    private StandardParameters() {
    }

    static ObjectNode build(JsonNodeFactory json) {
        ObjectNode parameters = json.objectNode();
        parameters.set("access_token", query(json, "string", "OAuth access token."));
        ObjectNode alt = query(json, "string", "Data format for response.");
        alt.put("default", "json");
        alt.putArray("enum").add("json");
        alt.putArray("enumDescriptions").add("Responses with Content-Type of application/json");
        parameters.set("alt", alt);
        parameters.set("callback", query(json, "string", "JSONP"));
        parameters.set("fields", query(json, "string", "Selector specifying which fields to include in a partial response."));
        parameters.set("key", query(json, "string", "API key. Your API key identifies your project and provides you with API access, "
                + "quota, and reports. Required unless you provide an OAuth 2.0 token."));
        parameters.set("oauth_token", query(json, "string", "OAuth 2.0 token for the current user."));
        ObjectNode prettyPrint = query(json, "boolean", "Returns response with indentations and line breaks.");
        prettyPrint.put("default", "true");
        parameters.set("prettyPrint", prettyPrint);
        parameters.set("quotaUser", query(json, "string", "Available to use for quota purposes for server-side applications. "
                + "Can be any arbitrary string assigned to a user, but should not exceed 40 characters."));
        return parameters;
    }

    private static ObjectNode query(JsonNodeFactory json, String type, String description) {
        ObjectNode parameter = json.objectNode();
        parameter.put("type", type);
        parameter.put("description", description);
        parameter.put("location", "query");
        return parameter;
    }
}
