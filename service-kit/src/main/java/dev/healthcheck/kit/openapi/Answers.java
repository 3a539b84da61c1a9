package dev.healthcheck.kit.openapi;

/**
 * Names of the OpenAPI components every service shares ({@link SharedComponents} defines them), for
 * {@code @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)} and
 * {@code @Schema(ref = Answers.PROBLEM)} in the services' resources.
 */
public final class Answers {

    /** The security scheme each service's Application declares: HTTP basic authentication. */
    public static final String BASIC_AUTH = "basicAuth";
    public static final String BASIC_AUTH_DESCRIPTION = "HTTP basic authentication against the server's user "
            + "registry (the README names the local development users).";

    /** What every service's Info says after its own description. */
    public static final String EVERY_SERVICE = "Every call needs HTTP basic credentials. Every refusal is "
            + "application/problem+json (RFC 9457) with a type per kind of refusal, listed under the Problem schema, "
            + "and an instance id that the server's log line for it also carries. Any operation may also answer 406 "
            + "to an Accept header it cannot serve and 405 to a method it does not have.";

    /** The RFC 9457 problem details schema every refusal answers with. */
    public static final String PROBLEM = "Problem";
    public static final String FIELD_ERROR = "FieldError";

    /** 400: failed validation (with the fields at fault) or a body that is not JSON for the resource. */
    public static final String BAD_REQUEST = "BadRequest";
    /** 401: no credentials, a malformed Authorization header, or a wrong password; with the basic challenge. */
    public static final String UNAUTHORISED = "Unauthorised";
    /** 403: the caller's role may not do this. */
    public static final String FORBIDDEN = "Forbidden";
    /** 404: nothing by that id, or nothing the caller may see by that id. */
    public static final String NOT_FOUND = "NotFound";
    /** 413: a body over the size limit, refused unread. */
    public static final String TOO_LARGE = "TooLarge";
    /** 415: a body that is not application/json. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";

    private Answers() {
    }
}
