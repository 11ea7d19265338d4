package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Who may manage a project: {@code member} is {@code user:EMAIL} or {@code serviceAccount:EMAIL}; {@code role} is owner, editor or viewer. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"member", "role"})
public record Member(@JsonProperty("member") String member, @JsonProperty("role") String role) {

    /** {@code {"members":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("members") List<Member> members) {
        public Page {
            members = Lists.copy(members);
        }
    }
}
