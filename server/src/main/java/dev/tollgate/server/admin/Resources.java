package dev.tollgate.server.admin;

import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectService;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** The admin API's resource representations (CONTRACT.md, "Resources"). */
final class Resources {
    private Resources() {}

    static Map<String, Object> project(Project p) {
        var m = new LinkedHashMap<String, Object>();
        m.put("projectId", p.projectId());
        m.put("projectNumber", p.projectNumber());
        m.put("displayName", p.displayName());
        m.put("createTime", p.createTime().toString());
        return m;
    }

    static Map<String, Object> service(ProjectService.ServiceState s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", s.api().name());
        m.put("version", s.api().version());
        m.put("title", s.api().title());
        m.put("enabled", s.enabled());
        return m;
    }

    static Map<String, Object> key(ApiKey k) {
        var m = new LinkedHashMap<String, Object>();
        m.put("keyId", k.keyId());
        m.put("name", k.name());
        m.put("displayName", k.displayName());
        m.put("restrictions", k.restrictions());
        m.put("createTime", k.createTime().toString());
        return m;
    }

    static Map<String, Object> serviceAccount(ServiceAccount a) {
        var m = new LinkedHashMap<String, Object>();
        m.put("email", a.email());
        m.put("uniqueId", a.uniqueId());
        m.put("displayName", a.displayName());
        m.put("projectId", a.projectId());
        m.put("disabled", a.disabled());
        return m;
    }

    static Map<String, Object> serviceAccountKey(ServiceAccountKey k) {
        var m = new LinkedHashMap<String, Object>();
        m.put("keyId", k.keyId());
        m.put("createTime", k.createTime().toString());
        m.put("disabled", k.disabled());
        m.put("keyOrigin", k.origin() == ServiceAccountKey.Origin.GENERATED ? "GOOGLE_PROVIDED" : "USER_PROVIDED");
        return m;
    }

    static Map<String, Object> member(ProjectMember pm) {
        return Map.of("member", pm.member().toString(), "role", pm.role().wireName());
    }
}
