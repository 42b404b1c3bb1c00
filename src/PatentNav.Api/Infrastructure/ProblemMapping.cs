using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using PatentNav.Analytics;
using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Api.Infrastructure;

/// <summary>Maps exceptions from Core and the host to ProblemDetails responses (one place for every endpoint).</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    /// <summary>The <c>Retry-After</c> of a 503 while the analytical store is being built.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, extensions) = exception switch
        {
            QuerySyntaxException q => (StatusCodes.Status400BadRequest, "Invalid search", q.Message, Extensions(("parameter", q.Parameter), ("position", q.Position))),
            TaxonomyValidationException t => (StatusCodes.Status400BadRequest, "Invalid taxonomy", t.Message, Extensions(("errors", t.Errors))),
            Places.PlaceValidationException p => (StatusCodes.Status400BadRequest, "Invalid place catalogue", p.Message, Extensions(("errors", p.Errors))),
            ReferenceListException r => (StatusCodes.Status400BadRequest, "Invalid reference list", r.Message, Extensions(("errors", r.Errors))),
            InvalidRequestException r => (StatusCodes.Status400BadRequest, "Invalid request", r.Message, Extensions(("parameter", r.Parameter))),
            InsufficientTrainingDataException i => (StatusCodes.Status409Conflict, "Too few labelled records", i.Message, Extensions(("labelledRecords", i.LabelledRecords), ("requiredRecords", i.RequiredRecords), ("requiredPositives", i.RequiredPositives))),
            AnalyticsUnavailableException a => (StatusCodes.Status503ServiceUnavailable, "Analytics not ready", a.Message, Extensions(("analytics", a.Status))),
            ImportFormatException f => (StatusCodes.Status422UnprocessableEntity, "File cannot be imported", f.Message, null),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } b => (StatusCodes.Status413PayloadTooLarge, "Upload too large", b.Message, null),
            InvalidDataException d when d.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "Upload too large", d.Message, null),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException j } when UnknownBodyProperty(httpContext, j) is { } u =>
                (StatusCodes.Status400BadRequest, "Unknown parameter", u.Message, Extensions(("parameter", u.Path), ("suggestion", u.Suggestion), ("known", u.KnownNames))),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException j } =>
                (StatusCodes.Status400BadRequest, "Invalid JSON body", j.Path is { Length: > 1 } path ? $"{j.Message.Split(" Path:")[0]} (at {path})" : j.Message, Extensions(("parameter", j.Path))),
            BadHttpRequestException b => (b.StatusCode, "Bad request", b.Message, null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled.", null),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it has been logged.", null),
        };

        if (exception is AnalyticsUnavailableException)
        {
            // The store is rebuilt from the index in seconds to minutes; /health shows its progress.
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (extensions is not null)
        {
            foreach (var (k, v) in extensions)
            {
                problem.Extensions[k] = v;
            }
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The unknown property of a JSON body the endpoint refused, found from the body type it accepts.</summary>
    private static UnknownJsonProperty? UnknownBodyProperty(HttpContext httpContext, System.Text.Json.JsonException exception)
    {
        var endpoint = httpContext.GetEndpoint() ?? httpContext.Items[StrictQueryParameters.EndpointKey] as Endpoint;
        var type = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var options = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return type is null ? null : UnknownJsonProperty.TryFrom(exception, type, options);
    }

    private static Dictionary<string, object?> Extensions(params (string Key, object? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}

/// <summary>Helpers for handlers that answer with a problem directly.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail, string? parameter = null)
    {
        var ext = parameter is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["parameter"] = parameter };
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", extensions: ext);
    }

    /// <summary>An unknown query parameter or JSON property: 400 naming it, with the nearest known name and the known ones.</summary>
    public static IResult UnknownParameter(string detail, string parameter, string? suggestion, IReadOnlyList<string> known) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Unknown parameter",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["parameter"] = parameter,
                ["suggestion"] = suggestion,
                ["known"] = known,
            });

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem(detail: $"The upload is larger than the limit of {limit} bytes (PatentNav:MaxUploadBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");

    public static void DisableBuffering(HttpContext http, long limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f)
        {
            f.MaxRequestBodySize = limit + (64 * 1024); // room for the multipart envelope
        }
    }
}
