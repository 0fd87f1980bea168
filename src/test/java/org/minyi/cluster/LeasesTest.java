package org.minyi.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.crawl.CrawlRun;

/** Leases on one database: claiming, holding, taking over from a dead instance, and what that frees. */
@QuarkusTest
class LeasesTest {

    @Inject
    Leases leases;

    @Inject
    Cluster cluster;

    @Inject
    EntityManager em;

    private void holdAs(String name, String holder, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> {
            JobLease l = em.find(JobLease.class, name);
            if (l == null) {
                l = new JobLease();
                l.name = name;
                l.holder = holder;
                l.leaseUntil = until;
                em.persist(l);
            } else {
                l.holder = holder;
                l.leaseUntil = until;
            }
        });
    }

    private String registerOther(String id, Instant heartbeat, String hostKey, long pid) {
        QuarkusTransaction.requiringNew().run(() -> {
            ClusterInstance i = new ClusterInstance();
            i.id = id;
            i.hostname = "other-host";
            i.pid = pid;
            i.hostKey = hostKey;
            i.startedAt = heartbeat;
            i.heartbeatAt = heartbeat;
            i.persist();
        });
        return id;
    }

    @Test
    void aLeaseHeldByAnotherLiveInstanceIsNotTaken() {
        String name = Api.unique("job");
        assertThat(leases.tryAcquire(name, Duration.ofMinutes(1))).isTrue();
        assertThat(leases.tryAcquire(name, Duration.ofMinutes(1))).as("renewed by its holder").isTrue();

        holdAs(name, "someone-else", Instant.now().plusSeconds(60));
        assertThat(leases.tryAcquire(name, Duration.ofMinutes(1))).isFalse();
        AtomicInteger ran = new AtomicInteger();
        assertThat(leases.runExclusively(name, ran::incrementAndGet)).isFalse();
        assertThat(ran).hasValue(0);

        holdAs(name, "someone-else", Instant.now().minusSeconds(1));
        assertThat(leases.runExclusively(name, ran::incrementAndGet)).as("an expired lease is taken").isTrue();
        assertThat(ran).hasValue(1);
        JobLease l = QuarkusTransaction.requiringNew().call(() -> em.find(JobLease.class, name));
        assertThat(l.holder).isEqualTo(cluster.instanceId());
        assertThat(l.leaseUntil).as("kept after the run, so this instance stays the one running the job")
                .isAfter(Instant.now().plusSeconds(60));
        List<JobRun> runs = QuarkusTransaction.requiringNew().call(() -> JobRun.<JobRun>list("name", name));
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.instanceId).isEqualTo(cluster.instanceId());
            assertThat(r.outcome).isEqualTo(JobRun.Outcome.SUCCEEDED);
            assertThat(r.finishedAt).isNotNull();
        });
    }

    @Test
    void aHeldLeaseIsReleasedWhenTheWorkEnds() {
        String name = Api.unique("work");
        Leases.Lease lease = leases.hold(name, Duration.ofMinutes(5)).orElseThrow();
        holdAs(name + "-x", "nobody", Instant.now().minusSeconds(1));
        assertThat(leases.hold(name, Duration.ofMinutes(5))).as("renewal by the same holder").isPresent();
        lease.close();
        JobLease l = QuarkusTransaction.requiringNew().call(() -> em.find(JobLease.class, name));
        assertThat(l.holder).isNull();
    }

    @Test
    void aDeadInstanceLosesItsLeasesAndItsCrawlRunsAreInterrupted() {
        String source = Api.newSource();
        long sourceId = asAdmin().get("/api/sources").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == '" + source + "' }.id");
        String dead = registerOther(Api.unique("dead"), Instant.now().minus(Duration.ofMinutes(5)), null, 1);
        String sameHostGone = registerOther(Api.unique("gone"), Instant.now(), hostKeyOfThisInstance(), Long.MAX_VALUE - 7);
        String alive = registerOther(Api.unique("alive"), Instant.now(), null, 1);
        String job = Api.unique("job");
        String job2 = Api.unique("job");
        holdAs(job, dead, Instant.now().plusSeconds(600));
        holdAs(job2, alive, Instant.now().plusSeconds(600));
        long runId = QuarkusTransaction.requiringNew().call(() -> {
            CrawlRun r = new CrawlRun();
            r.sourceId = sourceId;
            r.trigger = CrawlRun.Trigger.SCHEDULE;
            r.status = CrawlRun.Status.RUNNING;
            r.startedAt = Instant.now();
            r.heartbeatAt = Instant.now();
            r.instanceId = dead;
            r.persist();
            return r.id;
        });

        assertThat(leases.tryAcquire(job, Duration.ofMinutes(1))).isFalse();
        cluster.reapDead();

        Map<String, ClusterInstance> byId = QuarkusTransaction.requiringNew().call(() -> ClusterInstance
                .<ClusterInstance>list("id in ?1", List.of(dead, sameHostGone, alive)).stream()
                .collect(java.util.stream.Collectors.toMap(i -> i.id, i -> i)));
        assertThat(byId.get(dead).stoppedAt).isNotNull();
        assertThat(byId.get(dead).stopReason).contains("no heartbeat");
        assertThat(byId.get(sameHostGone).stoppedAt).as("its process is gone from this host").isNotNull();
        assertThat(byId.get(alive).stoppedAt).isNull();
        CrawlRun run = QuarkusTransaction.requiringNew().call(() -> CrawlRun.<CrawlRun>findById(runId));
        assertThat(run.status).isEqualTo(CrawlRun.Status.INTERRUPTED);
        assertThat(leases.tryAcquire(job, Duration.ofMinutes(1))).as("taken over").isTrue();
        assertThat(leases.tryAcquire(job2, Duration.ofMinutes(1))).as("the live instance keeps its lease").isFalse();

        asAdmin().get("/api/cluster").then().statusCode(200)
                .body("instance", org.hamcrest.Matchers.equalTo(cluster.instanceId()))
                .body("leases.find { it.name == '" + job + "' }.holder", org.hamcrest.Matchers.equalTo(cluster.instanceId()))
                .body("instances.find { it.id == '" + dead + "' }.alive", org.hamcrest.Matchers.equalTo(false));
        holdAs(job2, null, Instant.now());
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update ClusterInstance i set i.stoppedAt = :n where i.id = :id")
                .setParameter("n", Instant.now()).setParameter("id", alive).executeUpdate());
    }

    @Test
    void clusterEndpointIsForAdminsOnly() {
        String analyst = Api.newUser("analyst");
        Api.as(analyst, "password-123").get("/api/cluster").then().statusCode(403);
    }

    private String hostKeyOfThisInstance() {
        return QuarkusTransaction.requiringNew().call(() -> em.find(ClusterInstance.class, cluster.instanceId()).hostKey);
    }
}
