package dev.passkeys.frontend;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.passkeys.api.Problem;
import dev.passkeys.api.ProblemDetails;
import dev.passkeys.config.AssociatedApps;
import dev.passkeys.config.Origins;
import dev.passkeys.config.PasskeyConfig;

/**
 * The files through which browsers and mobile platforms learn who else may use this RP ID's passkeys. They
 * only count when served at {@code https://<RP ID>/.well-known/...}: when the service runs on another host, the
 * RP ID's web server routes these three paths here (see the README). Each answers 404 when not configured.
 */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Frontends", description = "Related origins and native apps that share this RP ID's passkeys; "
        + "each file must be reachable at https://<RP ID>/.well-known/...")
public class AssociationResource {

    private static final String CACHE = "public, max-age=300";
    /** The Digital Asset Links relation that lets an Android app share the site's sign-in credentials. */
    static final String GET_LOGIN_CREDS = "delegate_permission/common.get_login_creds";
    /**
     * The relation that proves the app and the domain have one owner. Android's Credential Manager guide lists it
     * beside {@link #GET_LOGIN_CREDS} for passkeys, and Google's credential sharing codelab says passkeys need it.
     * It lets the app open the domain's links only if the app also declares them (Android App Links).
     */
    static final String HANDLE_ALL_URLS = "delegate_permission/common.handle_all_urls";

    private final RelatedOrigins relatedOrigins;
    private final List<AssetLinkStatement> assetLinks;
    private final AppleAppSiteAssociation appleAppSiteAssociation;

    AssociationResource(PasskeyConfig config) {
        List<String> related = Origins.related(config);
        this.relatedOrigins = related.isEmpty() ? null : new RelatedOrigins(List.copyOf(related));
        this.assetLinks = AssociatedApps.android(config).stream()
                .map(app -> new AssetLinkStatement(List.of(HANDLE_ALL_URLS, GET_LOGIN_CREDS),
                        new AssetLinkTarget("android_app", app.packageName(), app.sha256CertFingerprints())))
                .toList();
        List<String> apple = AssociatedApps.apple(config);
        this.appleAppSiteAssociation = apple.isEmpty() ? null
                : new AppleAppSiteAssociation(new WebCredentials(apple));
    }

    @GET
    @Path("/webauthn")
    @Operation(summary = "Related origins (WebAuthn Level 3): the other web origins that may use this RP ID",
            description = "From PASSKEY_RELATED_ORIGINS. A browser on one of these origins fetches "
                    + "https://<RP ID>/.well-known/webauthn before it lets the page use the RP ID.")
    @APIResponse(responseCode = "200", description = "The related origins",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RelatedOrigins.class),
                    examples = @ExampleObject(name = "two domains",
                            value = "{\"origins\":[\"https://example.co.uk\",\"https://shop.example.org\"]}")))
    @APIResponse(responseCode = "404", description = "not_found: no related origins are configured",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Response webauthn() {
        return ok(relatedOrigins, "related origins (PASSKEY_RELATED_ORIGINS)");
    }

    @GET
    @Path("/assetlinks.json")
    @Operation(summary = "Digital Asset Links: the Android apps that may use this RP ID's passkeys",
            description = "From PASSKEY_ANDROID_APPS: one statement per package, with its signing certificates' SHA-256 "
                    + "fingerprints and the relations Android's Credential Manager asks for passkeys: "
                    + "delegate_permission/common.get_login_creds and delegate_permission/common.handle_all_urls.")
    @APIResponse(responseCode = "200", description = "Asset link statements",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = AssetLinkStatement.class),
                    examples = @ExampleObject(name = "one app", value = "[{\"relation\":[\"" + HANDLE_ALL_URLS + "\",\""
                            + GET_LOGIN_CREDS + "\"],"
                            + "\"target\":{\"namespace\":\"android_app\",\"package_name\":\"com.example.app\","
                            + "\"sha256_cert_fingerprints\":[\"14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:"
                            + "E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5\"]}}]")))
    @APIResponse(responseCode = "404", description = "not_found: no Android apps are configured",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Response assetLinks() {
        return ok(assetLinks.isEmpty() ? null : assetLinks, "Android apps (PASSKEY_ANDROID_APPS)");
    }

    @GET
    @Path("/apple-app-site-association")
    @Operation(summary = "Apple App Site Association: the Apple apps that may use this RP ID's passkeys",
            description = "From PASSKEY_APPLE_APP_IDS, as webcredentials.apps (TEAMID.bundle.id). Apple fetches it over "
                    + "https without redirects.")
    @APIResponse(responseCode = "200", description = "The association file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppleAppSiteAssociation.class),
                    examples = @ExampleObject(name = "one app",
                            value = "{\"webcredentials\":{\"apps\":[\"ABCDE12345.com.example.app\"]}}")))
    @APIResponse(responseCode = "404", description = "not_found: no Apple apps are configured",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Response appleAppSiteAssociation() {
        return ok(appleAppSiteAssociation, "Apple apps (PASSKEY_APPLE_APP_IDS)");
    }

    private static Response ok(Object document, String what) {
        if (document == null) {
            throw Problem.notFound("This service is configured with no " + what);
        }
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", CACHE).build();
    }

    /** {@code /.well-known/webauthn}. */
    @Schema(name = "RelatedOrigins")
    public record RelatedOrigins(@Schema(description = "Web origins, each with scheme, host and optional port") List<String> origins) {
    }

    /** One statement of {@code assetlinks.json}. */
    @Schema(name = "AssetLinkStatement")
    public record AssetLinkStatement(List<String> relation, AssetLinkTarget target) {
    }

    @Schema(name = "AssetLinkTarget")
    public record AssetLinkTarget(
            @Schema(description = "Always android_app") String namespace,
            @JsonProperty("package_name") String packageName,
            @Schema(description = "SHA-256 fingerprints of the app's signing certificates, as keytool prints them")
            @JsonProperty("sha256_cert_fingerprints") List<String> sha256CertFingerprints) {
    }

    /** {@code apple-app-site-association}: only the webcredentials service. */
    @Schema(name = "AppleAppSiteAssociation")
    public record AppleAppSiteAssociation(WebCredentials webcredentials) {
    }

    @Schema(name = "WebCredentials")
    public record WebCredentials(@Schema(description = "Application identifiers: TEAMID.bundle.id") List<String> apps) {
    }
}
