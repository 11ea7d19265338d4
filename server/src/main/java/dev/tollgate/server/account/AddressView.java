package dev.tollgate.server.account;

/** The account page's part about the address: whether it is verified, and what just happened to it. */
public record AddressView(boolean verified, String notice, String error) {}
