using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using PatentNav.Records;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// A typo must never change a published number: a query parameter an endpoint does not document is refused with a 400
/// naming it and the nearest documented one (<c>regoin</c> → <c>region</c>), instead of being ignored and widening the
/// result. JSON bodies get the same from <see cref="System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow"/>
/// (see <see cref="ProblemMapping"/>).
/// </summary>
/// <remarks>The documented parameters are those ApiExplorer (and so Swagger) lists for the endpoint, so the check and the
/// documentation cannot disagree. Names compare case-insensitively, as ASP.NET Core binds them.</remarks>
internal sealed class StrictQueryParameters(RequestDelegate next, IApiDescriptionGroupCollectionProvider descriptions)
{
    private FrozenDictionary<string, IReadOnlyList<string>>? _known;

    /// <summary>The key under which the matched endpoint is kept in <see cref="HttpContext.Items"/>: the exception handler
    /// clears the endpoint before it runs, and <see cref="ProblemMapping"/> needs its body type to name an unknown property.</summary>
    public static readonly object EndpointKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        context.Items[EndpointKey] = context.GetEndpoint();
        if (context.Request.Query.Count > 0 && context.GetEndpoint() is RouteEndpoint endpoint
            && Known().TryGetValue(Key(context.Request.Method, endpoint.RoutePattern.RawText), out var known))
        {
            foreach (var name in context.Request.Query.Keys)
            {
                if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    var suggestion = UnknownJsonProperty.Nearest(name, known);
                    var detail = suggestion is null
                        ? $"unknown query parameter '{name}'; this endpoint takes: {(known.Count == 0 ? "no parameters" : string.Join(", ", known))}"
                        : $"unknown query parameter '{name}'; did you mean '{suggestion}'?";
                    await Problems.UnknownParameter(detail, name, suggestion, known).ExecuteAsync(context);
                    return;
                }
            }
        }

        await next(context);
    }

    private FrozenDictionary<string, IReadOnlyList<string>> Known() => _known ??= descriptions.ApiDescriptionGroups.Items
        .SelectMany(g => g.Items)
        .Where(d => d.HttpMethod is not null && d.RelativePath is not null)
        .GroupBy(d => Key(d.HttpMethod!, d.RelativePath!))
        .ToFrozenDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query).Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            StringComparer.Ordinal);

    private static string Key(string method, string? route) => method.ToUpperInvariant() + " " + (route ?? string.Empty).Trim('/');
}

/// <summary>Documents on every operation the 400 that an unknown query parameter or JSON property gets.</summary>
internal sealed class UnknownParameterResponses : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        const string text = "Unknown query parameter or JSON property (ProblemDetails naming it in `parameter`, with the nearest known name in `suggestion`); other errors as described.";
        if (operation.Responses.TryGetValue("400", out var existing))
        {
            if (existing is OpenApiResponse response && !(response.Description ?? string.Empty).Contains("Unknown query parameter", StringComparison.Ordinal))
            {
                response.Description = string.IsNullOrEmpty(response.Description) || response.Description == "Bad Request" ? text : response.Description + " " + text;
            }

            return;
        }

        operation.Responses["400"] = new OpenApiResponse { Description = text };
    }
}
