package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputTest {
    private static final String ITEMS = """
            [{"keyId":"k1","displayName":"first","restrictions":{"allowedIps":["10.0.0.1","10.0.0.2"]},"budget":"250.00"},
             {"keyId":"k2","displayName":"second key","restrictions":{"allowedIps":[]}}]""";

    @AfterEach
    void resetFlags() {
        Globals.reset();
    }

    private static String print(String format, boolean list) throws Exception {
        Globals.format = format;
        JsonNode node = new ObjectMapper().readTree(ITEMS);
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (list) {
            Output.list(out, node, List.of("keyId", "displayName"));
        } else {
            Output.resource(out, node.get(0), List.of("keyId"));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsAreTablesAndResourcesYamlUnlessAskedOtherwise() throws Exception {
        assertThat(print(null, true)).isEqualTo("KEY_ID  DISPLAY_NAME\nk1      first\nk2      second key\n");
        assertThat(print(null, false)).startsWith("keyId: k1\n").contains("budget: \"250.00\"").contains("- 10.0.0.1");
        assertThat(print("table(displayName,restrictions.allowedIps)", true))
                .isEqualTo("DISPLAY_NAME  RESTRICTIONS_ALLOWED_IPS\nfirst         10.0.0.1,10.0.0.2\nsecond key\n");
    }

    @Test
    void valueFormatPrintsTabSeparatedFieldsForScripts() throws Exception {
        assertThat(print("value(keyId,restrictions.allowedIps,missing)", true)).isEqualTo("k1\t10.0.0.1,10.0.0.2\t\nk2\t\t\n");
        assertThat(new ObjectMapper().readTree(print("json", true)).size()).isEqualTo(2);
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertThatThrownBy(() -> Output.validate("xml")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Output.validate("value(a")).isInstanceOf(UsageException.class);
    }
}
