package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The question before a delete, answered as a person at a terminal would. */
class ConfirmationTest {
    private final StringWriter shown = new StringWriter();

    private void answer(String typed) throws IOException {
        Confirmation.ask("API key [k1]", new BufferedReader(new StringReader(typed)), new PrintWriter(shown));
    }

    @Test
    void enterOrYesGoesAheadAfterGcloudsQuestion() throws IOException {
        answer("\n");
        answer("y\n");
        answer(" YES \n");
        assertThat(shown.toString()).startsWith("API key [k1] will be deleted.\n\nDo you want to continue (Y/n)?");
    }

    @Test
    void noStopsTheDelete() {
        assertThatThrownBy(() -> answer("n\n")).isInstanceOf(Confirmation.NotConfirmedException.class)
                .hasMessage("Aborted by user: API key [k1] was not deleted.");
        assertThatThrownBy(() -> answer("nope\n")).isInstanceOf(Confirmation.NotConfirmedException.class);
    }

    @Test
    void endOfInputIsNoAnswerAndDeletesNothing() {
        assertThatThrownBy(() -> answer("")).isInstanceOf(Confirmation.NotConfirmedException.class)
                .hasMessageContaining("not deleted").hasMessageContaining("--quiet");
    }
}
