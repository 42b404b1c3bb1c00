using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PatentNav.Api.Infrastructure;

/// <summary>Requires the configured API key in the <c>X-Api-Key</c> header; compares in constant time and never logs it.</summary>
internal sealed class ApiKeyFilter(IOptions<PatentNavApiOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var failure = Check(context.HttpContext, options.Value.ApiKey);
        return failure ?? await next(context);
    }

    internal static IResult? Check(HttpContext http, string? configuredKey)
    {
        if (string.IsNullOrEmpty(configuredKey))
        {
            return Unauthorized(http, "This endpoint needs an API key, and none is configured on the server. Set PatentNav__ApiKey (or PatentNav:ApiKey in appsettings) and send it in the X-Api-Key header.");
        }

        var presented = http.Request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Unauthorized(http, "Missing API key: send it in the X-Api-Key header.");
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(configuredKey));
        return CryptographicOperations.FixedTimeEquals(a, b) ? null : Unauthorized(http, "The API key in X-Api-Key is not valid.");
    }

    private static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
    }
}

/// <summary>Applies the key to reads when <see cref="PatentNavApiOptions.RequireKeyForReads"/> is set.</summary>
internal sealed class ReadKeyFilter(IOptions<PatentNavApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.RequireKeyForReads && ApiKeyFilter.Check(context.HttpContext, options.Value.ApiKey) is { } failure)
        {
            return failure;
        }

        return await next(context);
    }
}
