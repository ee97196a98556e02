package dev.passkeys.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.UserVerificationRequirement;

/**
 * The CPU work of the service's two login steps as its first version did them, next to the same steps as it
 * does them now, with one shared Yubico mapper and one {@code RelyingParty}: what the service spends above
 * {@link LoginBenchmark}'s floor, still without I/O (no Redis, PostgreSQL, HTTP, metrics or logs).
 * <ul>
 * <li>login-options ({@code AuthenticationCeremony.start}), then: a {@code RelyingParty} per request,
 * {@code startAssertion}, {@code AssertionRequest.toCredentialsGetJson()} and {@code toJson()}: Yubico
 * builds a new {@code JacksonCodecs.json()} mapper in each of those two calls;</li>
 * <li>login-verify ({@code AuthenticationCeremony.verifyResponse}), then: the body, {@code AssertionRequest.fromJson}
 * of the stored request (another new mapper), a {@code RelyingParty} per request, {@code finishAssertion},
 * the token.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ServicePathBenchmark extends LoginFixture {

    /** The service runs with ACCP where it loads; {@code -p provider=JDK} for the fallback. */
    @Param({ Providers.ACCP })
    public String provider;

    @Param("4096")
    public int assertions;

    @Setup
    public void setup() throws Exception {
        prepare(provider, assertions);
    }

    /** login-options as the first version did it: a new RelyingParty, Yubico's static JSON methods. */
    @Benchmark
    public String optionsAsService() throws Exception {
        AssertionRequest request = relyingParty(credentials).startAssertion(startOptions());
        ObjectNode json = (ObjectNode) YUBICO.readTree(request.toCredentialsGetJson()).get("publicKey");
        String stored = request.toJson();
        return json.size() + stored;
    }

    /** The same output with one RelyingParty and one shared mapper. */
    @Benchmark
    public String optionsShared() throws Exception {
        AssertionRequest request = relyingParty.startAssertion(startOptions());
        ObjectNode json = YUBICO.valueToTree(request.getPublicKeyCredentialRequestOptions());
        String stored = YUBICO.writeValueAsString(request);
        return json.size() + stored;
    }

    /** login-verify as the first version did it (minus I/O): Yubico's static fromJson, a new RelyingParty. */
    @Benchmark
    public String verifyAsService() throws Exception {
        int i = next();
        var credential = parse(bodies[i]);
        AssertionRequest request = AssertionRequest.fromJson(storedRequests[i]);
        AssertionResult result = finish(relyingParty(credentials), request, credential);
        return mint(tokenKey, kid, userId, result.getUsername(), result.isUserVerified());
    }

    /** The same with the stored request read by the shared mapper and one RelyingParty. */
    @Benchmark
    public String verifyShared() throws Exception {
        int i = next();
        var credential = parse(bodies[i]);
        AssertionRequest request = YUBICO.readValue(storedRequests[i], AssertionRequest.class);
        AssertionResult result = finish(relyingParty, request, credential);
        return mint(tokenKey, kid, userId, result.getUsername(), result.isUserVerified());
    }

    /** The pieces: {@code AssertionRequest.fromJson} (a new mapper per call)... */
    @Benchmark
    public AssertionRequest requestFromJsonStatic() throws Exception {
        return AssertionRequest.fromJson(storedRequests[next()]);
    }

    /** ...against the shared mapper... */
    @Benchmark
    public AssertionRequest requestFromJsonShared() throws Exception {
        return YUBICO.readValue(storedRequests[next()], AssertionRequest.class);
    }

    /** ...and building a {@code RelyingParty} (origin URLs parsed, algorithms looked up in the providers). */
    @Benchmark
    public RelyingParty relyingPartyBuild() {
        return relyingParty(credentials);
    }

    private static StartAssertionOptions startOptions() {
        return StartAssertionOptions.builder()
                .username(USERNAME)
                .userVerification(UserVerificationRequirement.PREFERRED)
                .timeout(TIMEOUT_MILLIS)
                .build();
    }
}
