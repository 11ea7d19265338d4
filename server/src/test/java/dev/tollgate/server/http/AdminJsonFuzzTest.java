package dev.tollgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.protocol.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Admin API request bodies, all read through {@link Json}. */
class AdminJsonFuzzTest {

    private static final Set<String> KEY_FIELDS = Set.of("displayName", "restrictions");
    private static final Set<String> CLIENT_FIELDS = Set.of("type", "displayName", "redirectUris", "javascriptOrigins");

    /**
     * Property: any body is an object with only the allowed fields or an ApiException (a 400),
     * never another exception; binding the fields the admin API binds (key restrictions, URI lists,
     * strings) is a value or an ApiException, and bound restrictions render to JSON that binds
     * back to equal restrictions.
     */
    @FuzzTest
    void adminBodyIsAnAllowedObjectOrABadRequest(byte[] data) {
        String body = new String(data, StandardCharsets.UTF_8);
        for (Set<String> allowed : java.util.List.of(KEY_FIELDS, CLIENT_FIELDS)) {
            ObjectNode object;
            try {
                object = Json.object(body, allowed);
            } catch (ApiException refused) {
                continue;
            }
            object.fieldNames().forEachRemaining(name -> assertThat(allowed).contains(name));
            readOrRefuse(() -> Json.text(object, "displayName"));
            readOrRefuse(() -> Json.bind(object, "redirectUris", String[].class));
            readOrRefuse(() -> {
                KeyRestrictions restrictions = Json.bind(object, "restrictions", KeyRestrictions.class);
                if (restrictions != null) {
                    ObjectNode again = Json.object("{\"restrictions\":" + Json.write(restrictions) + "}", KEY_FIELDS);
                    assertThat(Json.bind(again, "restrictions", KeyRestrictions.class)).isEqualTo(restrictions);
                }
                return restrictions;
            });
        }
    }

    private static void readOrRefuse(java.util.function.Supplier<?> read) {
        try {
            read.get();
        } catch (ApiException refused) {
            // a 400 with a message is the only acceptable refusal
        }
    }
}
