package dev.tollgate.core.project;

public record ProjectMember(Member member, Role role) {}
