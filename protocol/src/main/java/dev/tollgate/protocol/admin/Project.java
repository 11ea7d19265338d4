package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A project: {@code /admin/v1/projects/{projectId}}; {@code createTime} is RFC 3339. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"projectId", "projectNumber", "displayName", "createTime"})
public record Project(
        @JsonProperty("projectId") String projectId,
        @JsonProperty("projectNumber") String projectNumber,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("createTime") String createTime) {

    /** {@code {"projects":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("projects") java.util.List<Project> projects) {
        public Page {
            projects = Lists.copy(projects);
        }
    }
}
