using Microsoft.AspNetCore.StaticFiles;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// Response headers of the park managers' page (<c>wwwroot/</c>): the page runs only its own script, and the report it
/// embeds (the service's HTML fragment with inline SVG and a scoped <c>&lt;style&gt;</c>) can neither run script nor
/// load anything from elsewhere.
/// </summary>
internal static class PageHeaders
{
    /// <summary>Scripts and connections from this origin only; inline styles for the report's scoped style and SVG attributes.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>Text types with their charset: the page's script and styles hold Chinese literals.</summary>
    public static FileExtensionContentTypeProvider ContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".html"] = "text/html; charset=utf-8";
        provider.Mappings[".js"] = "text/javascript; charset=utf-8";
        provider.Mappings[".css"] = "text/css; charset=utf-8";
        provider.Mappings[".svg"] = "image/svg+xml; charset=utf-8";
        return provider;
    }

    public static void Apply(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";

        // Revalidate (ETag) on every load, so a new version of the page is used at once after an upgrade.
        headers.CacheControl = "no-cache";
    }
}
