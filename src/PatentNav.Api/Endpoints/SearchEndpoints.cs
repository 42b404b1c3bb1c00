using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>Full-text search, facets and CSV download.</summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Search").AddEndpointFilter<ReadKeyFilter>().AddEndpointFilter<AnalysisTimeLimit>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/search", SearchGet)
            .WithName("Search")
            .WithSummary("Search patents (检索)")
            .WithDescription("Chinese full-text search over title, abstract and claims with typed filters, facets, highlighted snippets and cursor paging. Words separated by spaces must all match; a Chinese word matches as a contiguous phrase even when the segmenter cannot split it (光刻胶, 碳纤维). `format=csv` downloads the results as CSV (UTF-8 with BOM, formula-safe). Errors: 400 with `parameter` and, for query syntax, `position` (1-based column).")
            .Produces<SearchResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/search", SearchPost)
            .WithName("SearchPost")
            .WithSummary("Search patents with a JSON body")
            .WithDescription("The same as GET /api/search with the parameters as a JSON object (useful for long queries).")
            .Accepts<SearchParameters>("application/json")
            .Produces<SearchResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/facets", Facets)
            .WithName("Facets")
            .WithSummary("Facet counts for a search (分面统计)")
            .WithDescription("Counts per year, IPC subclass, applicant, province, city, kind, legal status, SEI industry (`industry`, 战略性新兴产业: sei:3 新材料产业), SEI branch (`branch`: sei:3.3) and city chain (`chain`, 重点产业链: city:高端石化) over all patents matching the filters (all facets when `facets` is not given). A facet value is the `industry` filter value that selects it.")
            .Produces<FacetsResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static Task<IResult> SearchGet([AsParameters] SearchParameters parameters, SearchService search, IOptions<PatentNavApiOptions> options, HttpContext http, CancellationToken cancellationToken) =>
        Run(parameters, search, options.Value, http, cancellationToken);

    private static Task<IResult> SearchPost([FromBody] SearchParameters parameters, SearchService search, IOptions<PatentNavApiOptions> options, HttpContext http, CancellationToken cancellationToken) =>
        Run(parameters, search, options.Value, http, cancellationToken);

    private static async Task<Ok<FacetsResponse>> Facets([AsParameters] SearchParameters parameters, SearchService search, CancellationToken cancellationToken)
    {
        var request = parameters.ToRequest(sizeOverride: 1) with { Highlight = false, Cursor = null };
        if (request.Facets.Count == 0)
        {
            request = request with { Facets = FacetNames.All };
        }

        var result = await search.SearchAsync(request, cancellationToken);
        return TypedResults.Ok(new FacetsResponse(result.Total, result.Facets ?? new Dictionary<string, IReadOnlyList<FacetValue>>()));
    }

    private static async Task<IResult> Run(SearchParameters parameters, SearchService search, PatentNavApiOptions options, HttpContext http, CancellationToken cancellationToken)
    {
        var csv = string.Equals(parameters.Format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && parameters.Format is { Length: > 0 } f && !string.Equals(f, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"unknown format '{f}'; use json or csv", "format");
        }

        if (!csv)
        {
            if (parameters.Size is { } size && (size < 1 || size > Math.Min(options.MaxPageSize, SearchLimits.MaxPageSize)))
            {
                throw new InvalidRequestException($"size must be between 1 and {Math.Min(options.MaxPageSize, SearchLimits.MaxPageSize)}, got {size} (PatentNav:MaxPageSize)", parameter: "size");
            }

            var result = await search.SearchAsync(parameters.ToRequest(), cancellationToken);
            return TypedResults.Ok(SearchResponse.From(result));
        }

        var wanted = parameters.Size ?? options.MaxCsvRows;
        if (wanted < 1 || wanted > options.MaxCsvRows)
        {
            return Problems.BadRequest($"size must be between 1 and {options.MaxCsvRows} for CSV, got {wanted}", "size");
        }

        var rows = new List<SearchHit>(Math.Min(wanted, 1024));
        var request = parameters.ToRequest(sizeOverride: Math.Min(wanted, SearchLimits.MaxPageSize)) with { Highlight = false, Facets = [] };
        while (rows.Count < wanted)
        {
            var page = await search.SearchAsync(request with { Size = Math.Min(SearchLimits.MaxPageSize, wanted - rows.Count) }, cancellationToken);
            rows.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                break;
            }

            request = request with { Cursor = page.NextCursor };
        }

        var bytes = await WriteCsvAsync(rows, cancellationToken);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"patentnav-search.csv\"";
        return TypedResults.File(bytes, "text/csv; charset=utf-8");
    }

    private static Task<byte[]> WriteCsvAsync(List<SearchHit> rows, CancellationToken cancellationToken) =>
        CsvExport.WriteAsync(
            ["publicationNumber", "title", "applicants", "mainIpc", "ipc", "kind", "legalStatus", "filingDate", "publicationDate", "grantDate", "province", "city", "district", "synthetic"],
            rows.Select(hit => hit.Record).Select(r => new string?[]
            {
                r.PublicationNumber.Value,
                r.Title,
                string.Join("; ", r.Applicants),
                r.MainIpc?.ToString(),
                string.Join("; ", r.Ipc),
                r.Kind.ToString(),
                r.LegalStatus.ToString(),
                CsvExport.Date(r.FilingDate),
                CsvExport.Date(r.PublicationDate),
                CsvExport.Date(r.GrantDate),
                r.Region?.ProvinceName,
                r.Region?.CityName,
                r.Region?.DistrictName,
                r.Synthetic ? "true" : "false",
            }),
            cancellationToken);
}
