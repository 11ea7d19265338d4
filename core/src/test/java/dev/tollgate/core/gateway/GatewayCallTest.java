package dev.tollgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.access.AccessChecker;
import dev.tollgate.core.access.CredentialCache;
import dev.tollgate.core.access.InMemoryRepositories;
import dev.tollgate.core.billing.BillingAccount;
import dev.tollgate.core.billing.BillingAccountRepository;
import dev.tollgate.core.billing.BillingGate;
import dev.tollgate.core.billing.StatementCalculator;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.access.Caller;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.counter.LocalQuotaCounters;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.metering.Journal;
import dev.tollgate.core.metering.JournalException;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.quota.ProjectQuotas;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.core.quota.QuotaOverrides;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.MutableClock;
import dev.tollgate.protocol.ApiError;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline's steps and failure semantics, with the real access check, quotas, billing gate and meter. */
class GatewayCallTest {
    private static final ApiCatalog CATALOG = CatalogLoader.builtIn();
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final LocalInvalidationBus bus = new LocalInvalidationBus();
    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingJournal journal = new RecordingJournal();
    private final Map<String, Long> overrides = new HashMap<>();
    private final Map<String, BillingAccount> accounts = new HashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "writer"));
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop"));
    private AccessChecker access;
    private CallAccounting accounting;
    private GatewayCall call;
    private String key;

    @AfterEach
    void stopThreads() {
        writer.shutdownNow();
        loop.shutdownNow();
    }

    @BeforeEach
    void projectWithKey() {
        repos.projects.put("shop", new Project("shop", "123456789012", "Shop", NOW));
        repos.enabled.put("shop", new java.util.HashSet<>(List.of("posts")));
        key = Secrets.generate(SecretKind.API_KEY);
        repos.keys.insert(new ApiKey("k1", "shop", "web", KeyRestrictions.NONE, NOW, Secrets.hash(key)));
        access = new AccessChecker(new CredentialCache(repos.keys, repos.projectRepository, bus), repos.bearer(bus, clock));
        QuotaOverrides quotaOverrides = new QuotaOverrides() {
            public Map<String, Long> of(String projectId) { return overrides; }
            public void put(String projectId, String service, String name, long limit) { overrides.put(service + "/" + name, limit); }
            public void remove(String projectId, String service, String name) { overrides.remove(service + "/" + name); }
        };
        var quota = new QuotaAdmission(new LocalQuotaCounters(clock), new ProjectQuotas(quotaOverrides, bus), clock, ZoneOffset.UTC);
        BillingAccountRepository billingAccounts = new BillingAccountRepository() {
            public Optional<BillingAccount> find(String projectId) { return Optional.ofNullable(accounts.get(projectId)); }
            public void put(BillingAccount account) { accounts.put(account.projectId(), account); }
        };
        var billing = new BillingGate(billingAccounts, (project, month) -> List.of(), new StatementCalculator(CATALOG, s -> s < 400), bus, clock);
        accounting = CallAccounting.charged(quota, billing, new CallMeter(journal, clock));
        call = new GatewayCall(CATALOG, access, accounting, new ClientAddressResolver(List.of()),
                new Backends(CATALOG.apis(), URI.create("http://127.0.0.1:1")), "backend-secret");
    }

    @Test
    void forwardedCallIsChargedOnDiskBeforeTheBackendSeesItThenSettledWithWhatWasSent() {
        var backend = new Backend(200, 1234) {
            @Override
            int forwardNow() {
                assertThat(journal.durable).as("charged before forwarding").singleElement()
                        .satisfies(r -> assertThat(r.phase()).isEqualTo(UsageRecord.Phase.CHARGED));
                return super.forwardNow();
            }
        };
        GatewayOutcome outcome = serve(get("/posts/v1/posts/7", "key=" + key), backend);

        assertThat(outcome).isEqualTo(new GatewayOutcome.Delivered(outcome.method(), 200));
        assertThat(journal.queued).singleElement().satisfies(settled -> {
            assertThat(settled.phase()).isEqualTo(UsageRecord.Phase.SETTLED);
            assertThat(settled.callId()).isEqualTo(journal.durable.get(0).callId());
            assertThat(settled.status()).isEqualTo(200);
            assertThat(settled.bytesOut()).isEqualTo(1234);
            assertThat(settled.credentialId()).isEqualTo("k1");
        });
        assertThat(backend.target.toString()).isEqualTo("http://127.0.0.1:1/posts/v1/posts/7");
        assertThat(backend.identity).containsEntry("X-Tollgate-Project", "shop").containsEntry("X-Tollgate-Access", "simple")
                .containsEntry("X-Tollgate-Backend-Secret", "backend-secret").doesNotContainKey("X-Tollgate-Principal-Type");
    }

    @Test
    void chargeThatCannotBeWrittenIsNeverForwardedAndGivesItsQuotaBack() {
        overrides.put("posts/requests-per-minute-per-project", 1L);
        journal.failDurable = true;
        var backend = new Backend(200, 0);
        GatewayOutcome outcome = serve(get("/posts/v1/posts/7", "key=" + key), backend);

        assertThat(outcome).isInstanceOfSatisfying(GatewayOutcome.Refused.class,
                r -> assertThat(r.error().error()).isEqualTo(ApiError.METERING_UNAVAILABLE));
        assertThat(backend.forwarded).isFalse();
        journal.failDurable = false;
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0)))
                .as("the quota of one call per minute was given back").isInstanceOf(GatewayOutcome.Delivered.class);
    }

    @Test
    void journalFailureAfterTheBackendActedNeverTurnsTheAnswerInto503() {
        journal.failQueued = true;
        var backend = new Backend(201, 10);
        GatewayOutcome outcome = serve(get("/posts/v1/posts/7", "key=" + key), backend);

        assertThat(outcome.status()).isEqualTo(201);
        assertThat(backend.delivered).isTrue();
        assertThat(journal.durable).as("the charge holds the call").singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(UsageRecord.NO_OUTCOME));
    }

    @Test
    void backendFailureSettlesTheChargeWithTheGatewaysAnswerAndKeepsTheQuota() {
        overrides.put("posts/requests-per-minute-per-project", 1L);
        var backend = new Backend(0, 0) {
            @Override
            int forwardNow() {
                forwarded = true;
                throw ApiError.BACKEND_UNAVAILABLE.exception();
            }
        };
        GatewayOutcome outcome = serve(get("/posts/v1/posts/7", "key=" + key), backend);

        assertThat(outcome.status()).isEqualTo(502);
        assertThat(journal.queued).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(UsageRecord.Phase.SETTLED);
            assertThat(r.status()).isEqualTo(502);
        });
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0)).status())
                .as("the backend may have acted: the quota stays taken").isEqualTo(429);
    }

    @Test
    void billingRefusalGivesBackTheQuotaAndIsRecordedOnce() {
        overrides.put("posts/requests-per-minute-per-project", 1L);
        accounts.put("shop", new BillingAccount("shop", true, Optional.of(BigDecimal.ZERO)));
        GatewayOutcome refused = serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(journal.durable).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(UsageRecord.Phase.COMPLETE);
            assertThat(r.status()).isEqualTo(403);
        });
        accounts.put("shop", new BillingAccount("shop", true, Optional.empty()));
        bus.publish(new dev.tollgate.core.cache.Invalidation.Project("shop"));
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0)).status()).isEqualTo(200);
    }

    @Test
    void refusalOfAKnownProjectsCallIsRecordedOnceAndAnUnknownKeysNowhere() {
        String restricted = Secrets.generate(SecretKind.API_KEY);
        repos.keys.insert(new ApiKey("k2", "shop", "ip", new KeyRestrictions(null, List.of("192.0.2.0/24"), null, null, null),
                NOW, Secrets.hash(restricted)));
        assertThat(serve(get("/posts/v1/posts/7", "key=" + restricted), new Backend(200, 0)).status()).isEqualTo(403);
        assertThat(serve(get("/posts/v1/posts/7", "key=" + Secrets.generate(SecretKind.API_KEY)), new Backend(200, 0)).status())
                .isEqualTo(400);

        assertThat(journal.durable).singleElement().satisfies(r -> {
            assertThat(r.credentialId()).isEqualTo("k2");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.phase()).isEqualTo(UsageRecord.Phase.COMPLETE);
        });
        assertThat(journal.queued).isEmpty();
    }

    @Test
    void refusalThatCannotBeRecordedIsAnswered503() {
        repos.enabled.get("shop").clear();
        journal.failDurable = true;
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0)))
                .isInstanceOfSatisfying(GatewayOutcome.Refused.class, r -> assertThat(r.error().error()).isEqualTo(ApiError.METERING_UNAVAILABLE));
    }

    @Test
    void requestThatCannotBeForwardedTakesNoQuotaAndIsRecorded() {
        overrides.put("posts/requests-per-minute-per-project", 1L);
        var unforwardable = new Backend(200, 0) {
            @Override
            public void prepare(URI target, Map<String, String> identity) {
                throw ApiError.INVALID_ARGUMENT.exception("The request has a header that cannot be forwarded.");
            }
        };
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), unforwardable).status()).isEqualTo(400);
        assertThat(journal.durable).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0)).status()).isEqualTo(200);
    }

    @Test
    void headOfAGetMethodIsMatchedCheckedChargedAndForwarded() {
        var backend = new Backend(200, 0);
        GatewayOutcome outcome = serve(request("HEAD", "/posts/v1/posts/7", "key=" + key), backend);

        assertThat(outcome.method()).hasValueSatisfying(m -> assertThat(m.method().id()).isEqualTo("posts.posts.get"));
        assertThat(backend.forwarded).isTrue();
        assertThat(journal.durable).singleElement().satisfies(r -> assertThat(r.phase()).isEqualTo(UsageRecord.Phase.CHARGED));
    }

    @Test
    void malformedPathOrNoSuchMethodIsRecordedForTheCredentialsProjectUnderItsApi() {
        for (String path : List.of("/posts/v1/posts/%2e%2e/x", "/posts/v1/posts/..;/x", "/posts/v1/posts%2f7", "/posts/v1/no/such/method")) {
            GatewayOutcome outcome = serve(get(path, "key=" + key), new Backend(200, 0));
            assertThat(outcome.status()).as(path).isIn(400, 404);
        }
        assertThat(journal.durable).hasSize(4).allSatisfy(r -> {
            assertThat(r.projectId()).isEqualTo("shop");
            assertThat(r.api()).isEqualTo("posts");
            assertThat(r.method()).isEqualTo(GatewayCall.UNMATCHED);
            assertThat(r.phase()).isEqualTo(UsageRecord.Phase.COMPLETE);
        });
    }

    @Test
    void malformedPathWithAnUnknownKeyOrNoCredentialRecordsNothing() {
        serve(get("/posts/v1/posts/%2e%2e/x", "key=" + Secrets.generate(SecretKind.API_KEY)), new Backend(200, 0));
        serve(get("/posts/v1/posts/%2e%2e/x", ""), new Backend(200, 0));
        serve(get("/posts/v1/posts/%2e%2e/x", "key=" + key + "&key=" + key), new Backend(200, 0));
        assertThat(journal.durable).isEmpty();
    }

    @Test
    void callGoesOnFromTheExchangesExecutorNotFromTheThreadThatMadeTheChargeDurable() {
        journal.writer = writer;
        var stepThreads = new ArrayList<String>();
        var backend = new Backend(200, 5) {
            @Override
            public Executor resumeOn() {
                return loop;
            }

            @Override
            int forwardNow() {
                stepThreads.add(Thread.currentThread().getName());
                return super.forwardNow();
            }

            @Override
            long deliverNow() {
                stepThreads.add(Thread.currentThread().getName());
                return super.deliverNow();
            }
        };
        GatewayOutcome outcome = serve(get("/posts/v1/posts/7", "key=" + key), backend);

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(stepThreads).containsExactly("loop", "loop");
        assertThat(journal.queued).singleElement().satisfies(r -> assertThat(r.bytesOut()).isEqualTo(5));
    }

    @Test
    void chargeThatFailsOnTheWritersThreadIsNeverForwardedAndGivesItsQuotaBackOnTheExchangesExecutor() {
        overrides.put("posts/requests-per-minute-per-project", 1L);
        journal.writer = writer;
        journal.failDurable = true;
        var givenBackOn = new ArrayList<String>();
        CallAccounting watched = new CallAccounting() {
            public Admitted admit(Caller caller, MethodMatch match, Optional<String> quotaUser) { return accounting.admit(caller, match, quotaUser); }
            public void giveBack(Admitted admitted) {
                givenBackOn.add(Thread.currentThread().getName());
                accounting.giveBack(admitted);
            }
            public CompletionStage<Optional<UsageRecord>> charge(Caller caller, MethodMatch match, long bytesIn) { return accounting.charge(caller, match, bytesIn); }
            public void settle(Optional<UsageRecord> charge, int status, long bytesOut, long latencyMicros) { accounting.settle(charge, status, bytesOut, latencyMicros); }
            public CompletionStage<Void> record(Caller caller, String api, String methodId, int status, long bytesIn, long latencyMicros) {
                return accounting.record(caller, api, methodId, status, bytesIn, latencyMicros);
            }
        };
        var onLoop = new GatewayCall(CATALOG, access, watched, new ClientAddressResolver(List.of()),
                new Backends(CATALOG.apis(), URI.create("http://127.0.0.1:1")), "backend-secret");
        var backend = new Backend(200, 0) {
            @Override
            public Executor resumeOn() {
                return loop;
            }
        };
        assertThat(onLoop.serve(get("/posts/v1/posts/7", "key=" + key), backend).toCompletableFuture().join())
                .isInstanceOfSatisfying(GatewayOutcome.Refused.class, r -> assertThat(r.error().error()).isEqualTo(ApiError.METERING_UNAVAILABLE));
        assertThat(backend.forwarded).isFalse();
        assertThat(givenBackOn).containsExactly("loop");
        journal.failDurable = false;
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), new Backend(200, 0)).status()).isEqualTo(200);
    }

    @Test
    void backendThatFailsLaterSettlesTheChargeWithTheGatewaysAnswer() {
        var backend = new Backend(0, 0) {
            @Override
            public CompletionStage<Integer> forward() {
                return CompletableFuture.supplyAsync(() -> {
                    throw ApiError.BACKEND_TIMEOUT.exception("no answer");
                }, loop);
            }
        };
        assertThat(serve(get("/posts/v1/posts/7", "key=" + key), backend).status()).isEqualTo(504);
        assertThat(backend.delivered).isFalse();
        assertThat(journal.queued).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(UsageRecord.Phase.SETTLED);
            assertThat(r.status()).isEqualTo(504);
        });
    }

    @Test
    void faultOfTollgatesOwnAfterTheChargeSettlesIt500AndFailsTheCall() {
        var backend = new Backend(200, 0) {
            @Override
            long deliverNow() {
                throw new IllegalStateException("a bug");
            }
        };
        assertThat(call.serve(get("/posts/v1/posts/7", "key=" + key), backend).toCompletableFuture())
                .failsWithin(java.time.Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withRootCauseInstanceOf(IllegalStateException.class);
        assertThat(journal.queued).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(500));
    }

    private GatewayOutcome serve(GatewayRequest request, BackendExchange backend) {
        return call.serve(request, backend).toCompletableFuture().join();
    }

    private static GatewayRequest get(String path, String query) {
        return request("GET", path, query);
    }

    private static GatewayRequest request(String method, String path, String query) {
        return new GatewayRequest(method, path, query, Optional.of("api.example"), false, InetAddress.getLoopbackAddress(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), GatewayRequest.AppHeaders.NONE);
    }

    /** A backend that answers with a fixed status and body size, remembering what it was asked. */
    private static class Backend implements BackendExchange {
        final int status;
        final long bytes;
        URI target;
        Map<String, String> identity;
        boolean forwarded;
        boolean delivered;

        Backend(int status, long bytes) {
            this.status = status;
            this.bytes = bytes;
        }

        @Override
        public void prepare(URI target, Map<String, String> identity) {
            this.target = target;
            this.identity = identity;
        }

        @Override
        public void allowance(QuotaAdmission.Allowance allowance) {
        }

        @Override
        public Executor resumeOn() {
            return Runnable::run;
        }

        @Override
        public CompletionStage<Integer> forward() {
            return CompletableFuture.completedFuture(forwardNow());
        }

        int forwardNow() {
            forwarded = true;
            return status;
        }

        @Override
        public CompletionStage<Long> deliver() {
            return CompletableFuture.completedFuture(deliverNow());
        }

        long deliverNow() {
            delivered = true;
            return bytes;
        }
    }

    /** The journal's two ways in, kept apart; either can be made to fail. */
    private static final class RecordingJournal implements Journal {
        final List<UsageRecord> durable = new ArrayList<>();
        final List<UsageRecord> queued = new ArrayList<>();
        boolean failDurable;
        boolean failQueued;
        /** When set, durable appends complete on this executor, as the file journal's writer completes them. */
        Executor writer;

        @Override
        public CompletionStage<Void> appendAsync(UsageRecord record) {
            if (writer == null) {
                return Journal.super.appendAsync(record);
            }
            return CompletableFuture.runAsync(() -> append(record), writer);
        }

        @Override
        public void append(UsageRecord record) {
            if (failDurable) {
                throw new JournalException("disk full");
            }
            durable.add(record);
        }

        @Override
        public boolean appendWithoutWaiting(UsageRecord record) {
            if (failQueued) {
                return false;
            }
            queued.add(record);
            return true;
        }
    }
}
