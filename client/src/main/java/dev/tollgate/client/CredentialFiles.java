package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads Google's credential files, naming the file in every error. */
final class CredentialFiles {
    private CredentialFiles() {}

    static JsonNode read(Path file) throws CredentialsException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CredentialsException("The credential file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new CredentialsException("The credential file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            JsonNode node = Json.tree(text);
            if (node == null || !node.isObject()) {
                throw new CredentialsException("The credential file " + file + " is not a JSON object.");
            }
            return node;
        } catch (CredentialsException e) {
            throw e;
        } catch (IOException e) {
            throw new CredentialsException("The credential file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static <T> T as(JsonNode node, Class<T> type, Path file) throws CredentialsException {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new CredentialsException("The credential file " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    static String type(JsonNode node) {
        JsonNode type = node.get("type");
        return type == null ? null : type.asText();
    }

    static String require(String value, String field, Path file) throws CredentialsException {
        if (value == null || value.isBlank()) {
            throw new CredentialsException("The credential file " + file + " has no " + field + ".");
        }
        return value;
    }
}
