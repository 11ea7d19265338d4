package dev.tollgate.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The flags every command takes, anywhere on the line ({@code tollgate --project p keys list} or
 * {@code tollgate keys list --project p}). Picocli copies inherited options to each subcommand; the
 * setters write to one shared place so that whichever copy was given, the command sees it.
 */
final class Globals {
    static String project;
    static String endpoint;
    static String format;
    static boolean quiet;

    /** Resets between runs in one JVM. */
    static void reset() {
        project = null;
        endpoint = null;
        format = null;
        quiet = false;
    }

    @Option(names = "--project", scope = ScopeType.INHERIT, paramLabel = "PROJECT_ID",
            description = "The project to act on (default: the configuration's project).")
    void project(String p) { project = p; }

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The Tollgate server (default: the configuration's endpoint, else http://localhost:8080).")
    void endpoint(String e) { endpoint = e; }

    @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "json, yaml, table, or value(FIELD,...); lists default to table, single resources to yaml.")
    void format(String f) { format = f; }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress messages on standard error, and no questions: deletes go ahead without asking.")
    void quiet(boolean q) { quiet = q; }
}
