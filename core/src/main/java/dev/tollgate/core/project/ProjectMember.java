package dev.tollgate.core.project;

import dev.tollgate.core.principal.Member;

public record ProjectMember(Member member, Role role) {}
