package dev.tollgate.server.pages;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A form body ({@code application/x-www-form-urlencoded}) or query string, read strictly: a bad
 * percent escape or invalid UTF-8 is a 400 page, a body over {@value #MAX_BODY_BYTES} bytes a 413,
 * and a field sent twice is a 400 when it is read. (Javalin's own form parsing answers some of
 * these with a 500.)
 */
public final class FormFields {
    /** Far above any legitimate page form: the largest field, a password, is at most 1024 characters. */
    public static final int MAX_BODY_BYTES = 32 * 1024;
    private static final int MAX_FIELDS = 64;
    private static final String PARSED_BODY = FormFields.class.getName() + ".body";

    private final Map<String, List<String>> fields;

    private FormFields(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** The body of a form POST. */
    public static FormFields ofBody(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new PageError(415, "Unsupported form", "This page accepts only ordinary HTML form submissions.");
        }
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try {
            body = ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        FormFields form = parse(body);
        ctx.attribute(PARSED_BODY, form);
        return form;
    }

    /** The body {@link #ofBody} read on this request, if it did: the stream can be read only once (the audit log reads it after). */
    public static Optional<FormFields> parsedBody(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PARSED_BODY));
    }

    /** The query string of the request; none is an empty form. */
    public static FormFields ofQuery(Context ctx) {
        String query = ctx.queryString();
        if (query != null && query.length() > MAX_BODY_BYTES) {
            throw new PageError(414, "Address too long", "The address of this page is too long.");
        }
        return parse(query == null ? new byte[0] : query.getBytes(StandardCharsets.UTF_8));
    }

    static FormFields parse(byte[] encoded) {
        var fields = new HashMap<String, List<String>>();
        int start = 0;
        int count = 0;
        while (start <= encoded.length) {
            int end = indexOf(encoded, (byte) '&', start);
            if (end > start) {
                if (++count > MAX_FIELDS) {
                    throw PageError.badRequest("The form has too many fields.");
                }
                int eq = indexOf(encoded, (byte) '=', start);
                int nameEnd = Math.min(eq, end);
                String name = decode(encoded, start, nameEnd);
                String value = eq < end ? decode(encoded, eq + 1, end) : "";
                fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return new FormFields(fields);
    }

    /** The field's value; empty if absent or empty. A 400 page if it was sent more than once. */
    public Optional<String> optional(String name) {
        List<String> values = fields.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw PageError.badRequest("The form field '" + name + "' was sent more than once.");
        }
        return values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The field's value, or "" if absent. */
    public String text(String name) {
        return optional(name).orElse("");
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decode(byte[] encoded, int start, int end) {
        var bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            byte b = encoded[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int hi = i + 2 < end ? Character.digit(encoded[i + 1], 16) : -1;
                int lo = i + 2 < end ? Character.digit(encoded[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw PageError.badRequest("The request is not correctly encoded.");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw PageError.badRequest("The request is not valid UTF-8 text.");
        }
    }

    private static PageError tooLarge() {
        return new PageError(413, "Form too large", "The form sent is larger than this page accepts.");
    }
}
