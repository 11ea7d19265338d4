package dev.tollgate.core.metering;

/** A month's calls of one method that ended with one status: what a billing statement is made of. */
public record MethodCalls(String api, String method, int status, long calls) {}
