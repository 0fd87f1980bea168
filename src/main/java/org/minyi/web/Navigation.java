package org.minyi.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.minyi.common.DistrictConfig;
import org.minyi.security.Role;

/** The navigation each role sees. A link appears for a user who holds any of its roles. */
@ApplicationScoped
public class Navigation {

    /** One entry of the navigation bar. */
    public record Link(String id, String label, String href, Set<String> roles) {
    }

    /** What every page's layout needs: the user, their links, the active page and the title. */
    public record Shell(String user, String roles, List<Link> links, String active, String title, String district) {
    }

    static final Set<String> ALL = Set.of(Role.admin, Role.analyst, Role.spokesperson, Role.propaganda, Role.emergency);

    /** Every page of the navigation bar; the role-matrix test walks them. */
    public static final List<Link> LINKS = List.of(
            new Link("posts", "最新帖子", "/posts", ALL),
            new Link("topics", "话题", "/topics", ALL),
            new Link("dashboard", "舆情态势", "/dashboard", Set.of(Role.admin, Role.analyst, Role.propaganda, Role.emergency)),
            new Link("reports", "舆情报告", "/reports", Set.of(Role.admin, Role.analyst, Role.propaganda, Role.emergency)),
            new Link("inbox", "交办收件箱", "/inbox", Set.of(Role.spokesperson, Role.analyst, Role.admin)),
            new Link("dispatch", "交办调度", "/dispatch", Set.of(Role.analyst, Role.admin)),
            new Link("rules", "交办规则", "/rules", Set.of(Role.analyst, Role.admin)),
            new Link("alerts", "预警台", "/alerts", Set.of(Role.emergency, Role.admin, Role.analyst)),
            new Link("alert-rules", "预警规则", "/alert-rules", Set.of(Role.emergency, Role.admin, Role.analyst)),
            new Link("sources", "信息源", "/sources", Set.of(Role.admin, Role.analyst)),
            new Link("models", "模型质量", "/models", Set.of(Role.admin)),
            new Link("dictionaries", "词典", "/dictionaries", Set.of(Role.admin)),
            new Link("audit", "审计日志", "/audit", Set.of(Role.admin)),
            new Link("api", "API 文档", "/q/swagger-ui", Set.of(Role.admin, Role.analyst)));

    @Inject
    DistrictConfig district;

    public Shell shell(SecurityIdentity identity, String active, String title) {
        List<Link> links = LINKS.stream().filter(l -> l.roles().stream().anyMatch(identity::hasRole)).toList();
        return new Shell(identity.getPrincipal().getName(), String.join(" · ", identity.getRoles().stream().sorted().toList()),
                links, active, title, district.name());
    }

    /** Where a user lands after signing in. */
    public String home(SecurityIdentity identity) {
        return "/posts";
    }
}
