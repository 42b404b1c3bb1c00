using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Reports;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>The navigation report (专利导航报告) and its dataset.</summary>
internal static class ReportEndpoints
{
    private const string ReportDescription =
        "The patent navigation report of one place and one industry (一园区、一产业、一导航), structured as GB/T 39551-2020 asks: " +
        "**方向** (`direction`: the field's filing trend with Poisson growth, CAGR and lifecycle; technology clusters with their growth and landscape-map positions; who controls the field — countries, provinces, leading applicants, CR4/HHI), " +
        "**定位** (`positioning`: `region` — share, RTA with its interval, rank among peer places, growth against the benchmark, leading applicants and inventors, strongest and weakest technologies, as GET /api/positioning; `highValue` — the place's valid invention patents in the field and the high-value ones, with the place's per-10,000 indicator; `chokepoints` — the chokepoint list with evidence and partners, as POST /api/chokepoints), " +
        "**路径** (`paths.recommendations` in five families — industrialStructure, enterprises, talent, innovation, operation — each with `evidence`: the figures it rests on with their JSON path in this report; plus `attract`, `inventors` and `operation` candidates). " +
        "`basis` states the counting conventions, every parameter, the data cut-off and the generation time; the same data and parameters give the same report apart from `basis.generatedAt`.\n\n" +
        "`format`: `json` (default), `html` (a self-contained document: inline CSS, charts as inline SVG, no script; with `fragment=true` only the `<article class=\"pn-report\">` element, for embedding), `md` (Markdown). `download=true` sends it as an attachment. " +
        "In the HTML every key number is `<span data-figure=\"{path}\" data-value=\"{raw JSON value}\">`.\n\n" +
        "Example: `GET /api/reports/navigation?place=320771&industry=city:新材料&format=html`. " +
        "Errors: 400 with `parameter` (place, industry, benchmark, dateField, from, to, cutoff, top, minSupport, chokepoints, clusters, maxClusters, format); 401 when reads require a key; 503 when the report takes longer than PatentNav:AnalysisTimeoutSeconds.";

    private const string DataDescription =
        "The dataset behind the navigation report with the same parameters (GB/T 39551: the report and its data together): `format=csv` (default) a ZIP of CSV files (UTF-8 with BOM), `format=xlsx` one workbook with a sheet per table, `format=parquet` a ZIP of Parquet files (typed columns; for DuckDB, pandas, Spark). The patents themselves, as the analyses' SQL reads them: `GET /api/dataset/patents`. " +
        "Tables: parameters (conventions, cut-off, generation time, notes), trend_field, trend_place, clusters, countries, provinces, applicants_field, positioning, peers, technologies, applicants_place, inventors_place, high_value, chokepoints, attract, inventors_recruit, operation, recommendations. " +
        "Errors: as GET /api/reports/navigation.";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").AddEndpointFilter<ReadKeyFilter>().AddEndpointFilter<AnalysisTimeLimit>();

        group.MapGet("/navigation", Navigation)
            .WithName("NavigationReport")
            .WithSummary("The navigation report of a place and an industry: 方向 — 定位 — 路径 (JSON, HTML or Markdown)")
            .WithDescription(ReportDescription)
            .Produces<NavigationReport>(StatusCodes.Status200OK)
            .Produces<string>(StatusCodes.Status200OK, "text/html", "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/navigation/data", Data)
            .WithName("NavigationReportData")
            .WithSummary("The dataset behind the navigation report (CSV in a ZIP, or XLSX)")
            .WithDescription(DataDescription)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<IResult> Navigation([AsParameters] NavigationParameters parameters, ReportService reports, CancellationToken cancellationToken)
    {
        var format = (parameters.Format ?? "json").Trim().ToLowerInvariant();
        if (format is not ("json" or "html" or "md" or "markdown"))
        {
            return Problems.BadRequest($"Unknown format '{parameters.Format}': use json, html or md.", "format");
        }

        var report = await reports.BuildNavigationReportAsync(parameters.ToRequest(), cancellationToken);
        var name = FileName(report, format == "markdown" ? "md" : format);
        return format switch
        {
            "html" => Text(ReportHtml.Render(report, parameters.Fragment == true), "text/html; charset=utf-8", parameters.Download == true ? name : null),
            "md" or "markdown" => Text(ReportMarkdown.Render(report), "text/markdown; charset=utf-8", parameters.Download == true ? name : null),
            _ => parameters.Download == true
                ? Results.File(Encoding.UTF8.GetBytes(ReportJson.Serialize(report)), "application/json; charset=utf-8", name)
                : TypedResults.Ok(report),
        };
    }

    private static async Task<IResult> Data([AsParameters] NavigationParameters parameters, ReportService reports, CancellationToken cancellationToken)
    {
        var format = (parameters.Format ?? "csv").Trim().ToLowerInvariant();
        if (format is not ("csv" or "xlsx" or "parquet"))
        {
            return Problems.BadRequest($"Unknown format '{parameters.Format}': use csv (a ZIP of CSV files), xlsx or parquet (a ZIP of Parquet files).", "format");
        }

        var report = await reports.BuildNavigationReportAsync(parameters.ToRequest(), cancellationToken);
        var tables = ReportDataset.From(report);
        return format switch
        {
            "xlsx" => Results.File(ReportDataset.ToXlsx(tables), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(report, "xlsx", "-data")),
            "parquet" => Results.File(ReportDataset.ToParquetZip(tables), "application/zip", FileName(report, "zip", "-parquet")),
            _ => Results.File(ReportDataset.ToCsvZip(tables), "application/zip", FileName(report, "zip", "-data")),
        };
    }

    private static IResult Text(string text, string contentType, string? download) =>
        download is null ? Results.Text(text, contentType) : Results.File(Encoding.UTF8.GetBytes(text), contentType, download);

    private static string FileName(NavigationReport report, string extension, string suffix = "")
    {
        var industry = new string(report.Scope.Industry.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        return $"navigation-{report.Scope.Place.Id}-{industry}{suffix}.{extension}";
    }
}

/// <summary>Query parameters of GET /api/reports/navigation and /api/reports/navigation/data.</summary>
public sealed record NavigationParameters
{
    /// <summary>The place: id, name or GB/T 2260 code.</summary>
    /// <example>320771</example>
    [FromQuery(Name = "place")]
    [Description("Place id, name or GB/T 2260 code (320771, 3207, xuwei); required")]
    public string? Place { get; init; }

    /// <summary>The industry.</summary>
    /// <example>city:新材料</example>
    [FromQuery(Name = "industry")]
    [Description("Industry: city:新材料, sei:3, or a name; required")]
    public string? Industry { get; init; }

    /// <summary>workspace (default), nation, a GB/T 2260 code, or places:id1,id2.</summary>
    [FromQuery(Name = "benchmark")]
    [Description("workspace (default) | nation | a GB/T 2260 code (32) | places:id1,id2")]
    public string? Benchmark { get; init; }

    /// <summary>filing (default), publication or grant.</summary>
    [FromQuery(Name = "dateField")]
    [Description("filing (default) | publication | grant")]
    public string? DateField { get; init; }

    /// <summary>Earliest date.</summary>
    [FromQuery(Name = "from")]
    [Description("Earliest date (inclusive), yyyy-MM-dd")]
    public string? From { get; init; }

    /// <summary>Latest date.</summary>
    [FromQuery(Name = "to")]
    [Description("Latest date (inclusive), yyyy-MM-dd")]
    public string? To { get; init; }

    /// <summary>The data cut-off.</summary>
    [FromQuery(Name = "cutoff")]
    [Description("Data cut-off, yyyy-MM-dd; default the latest date in the workspace")]
    public string? Cutoff { get; init; }

    /// <summary>Rows per list.</summary>
    [FromQuery(Name = "top")]
    [Description("Rows per list (applicants, inventors, technologies, peers, patents), 1-50; default 10")]
    public int? Top { get; init; }

    /// <summary>Minimum support.</summary>
    [FromQuery(Name = "minSupport")]
    [Description("Minimum support for rates and technology units (default 5) and chokepoint units (default: at least 5 patents and 1 % of the field's)")]
    public int? MinSupport { get; init; }

    /// <summary>Chokepoint entries.</summary>
    [FromQuery(Name = "chokepoints")]
    [Description("Chokepoint entries listed, 1-50; default 10")]
    public int? Chokepoints { get; init; }

    /// <summary>Number of technology clusters, or auto.</summary>
    [FromQuery(Name = "clusters")]
    [Description("Number of technology clusters (2-30), default 8; auto: chosen by silhouette within 3..maxClusters")]
    public string? Clusters { get; init; }

    /// <summary>Largest automatic number of clusters.</summary>
    [FromQuery(Name = "maxClusters")]
    [Description("Largest number of clusters the automatic choice tries (3-30); default 10")]
    public int? MaxClusters { get; init; }

    /// <summary>json (default) | html | md for the report; csv (default) | xlsx | parquet for the dataset.</summary>
    [FromQuery(Name = "format")]
    [Description("Report: json (default) | html | md. Dataset: csv (default, a ZIP) | xlsx | parquet (a ZIP)")]
    public string? Format { get; init; }

    /// <summary>Only the article element of the HTML.</summary>
    [FromQuery(Name = "fragment")]
    [Description("With format=html: only the <article class=\"pn-report\"> element, for embedding")]
    public bool? Fragment { get; init; }

    /// <summary>As an attachment.</summary>
    [FromQuery(Name = "download")]
    [Description("Send the report as an attachment with a file name")]
    public bool? Download { get; init; }

    private static int? ParseClusters(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 8;
        }

        if (string.Equals(value.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
            ? k
            : throw new InvalidRequestException($"clusters must be a number of clusters (2-30) or auto, got '{value}'", parameter: "clusters");
    }

    internal NavigationRequest ToRequest() => new()
    {
        Place = Place,
        Industry = Industry,
        Benchmark = BenchmarkScope.Parse(Benchmark),
        DateField = FilterParameters.ParseEnum<Records.DateField>(DateField, "dateField") ?? Records.DateField.Filing,
        From = FilterParameters.ParseDate(From, "from"),
        To = FilterParameters.ParseDate(To, "to"),
        Cutoff = FilterParameters.ParseDate(Cutoff, "cutoff"),
        Top = Top ?? 10,
        MinSupport = MinSupport, // null: 5 for rates, scaled to the field for chokepoint units
        Chokepoints = Chokepoints ?? 10,
        Clusters = ParseClusters(Clusters),
        MaxClusters = MaxClusters ?? 10,
    };
}
