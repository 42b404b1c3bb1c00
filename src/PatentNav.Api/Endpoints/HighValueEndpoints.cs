using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Reports;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>High-value invention patents (高价值发明专利), the per-10,000 indicators, plan targets and their reference lists.</summary>
internal static class HighValueEndpoints
{
    /// <summary>The largest reference list accepted, in bytes.</summary>
    private const int MaxReferenceBytes = 32 << 20;

    private const string Criteria =
        "CNIPA's five criteria for a **valid invention patent** (invention grant, legal status valid): (1) strategic emerging industry (SEI–IPC 2021); (2) overseas family member; (3) maintained more than `maintenanceYears` (10) years from the filing (or grant) date; (4) pledge financing ≥ `pledgeThreshold` CNY (amounts from PUT /api/reference/pledges); (5) State S&T Award or China Patent Award (list from PUT /api/reference/awards). " +
        "Each criterion is `met`, `notMet` or `unknown` (the data lack the field) with its evidence; the verdict is `highValue` (any met), `notHighValue` (none met, all evaluated), `undetermined` (none met, some unknown) or `notApplicable` (not a valid invention grant). `parameters` states the values used.";

    public static IEndpointRouteBuilder MapHighValueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("High-value patents").AddEndpointFilter<ReadKeyFilter>();
        var reads = group.MapGroup(string.Empty).AddEndpointFilter<AnalysisTimeLimit>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        reads.MapGet("/high-value/patents/{publicationNumber}", GetOne)
            .WithName("HighValuePatent")
            .WithSummary("Which high-value criteria one patent meets (高价值发明专利认定)")
            .WithDescription(Criteria + " Example: `GET /api/high-value/patents/CN114081026B?asOf=2024-12-31`. Errors: 404 unknown number; 400 bad parameter.")
            .Produces<HighValueAssessment>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapGet("/high-value/patents", List)
            .WithName("HighValuePatents")
            .WithSummary("Assess every valid invention patent of a subset (高价值发明专利清单), JSON or CSV")
            .WithDescription(Criteria + " Filters as `/api/search` (kind and status are fixed to invention grant, valid). `verdict` keeps one verdict; `top` caps the JSON items, the first in publication-number order (1–10000, default 100; `patents` and `counts` cover all, counted by SQL over the analytical store with no cap; `statements` holds the SQL); `format=csv` streams every assessment (UTF-8 with BOM, formula-safe; one column per criterion). Example: `GET /api/high-value/patents?region=3207&verdict=highValue`. Errors: 400 with `parameter`.")
            .Produces<HighValueListResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapGet("/high-value/indicator", Indicator)
            .WithName("HighValueIndicator")
            .WithSummary("每万人口高价值发明专利拥有量 of a place at a date, with 每万人口发明专利拥有量")
            .WithDescription("Stock at `at` (default: the data's cut-off) of valid invention patents whose first holder (current holder, else applicant) is domestic, in the place by the record's region (`place`: GB/T 2260 code 32, 3207, 320706), ÷ population in 10,000s (from PUT /api/reference/population: the place's figure for that year, else the latest earlier one). `byCriterion` counts patents per criterion met (a patent can meet several) and how many could not be evaluated; `byIndustry` splits the high-value patents by SEI industry; `excluded` counts foreign or unknown-origin holders. The data hold today's legal status, so stocks at past dates are lower bounds (said in `notes`). National reference: 11.8 at end-2023, 16 at end-2025. " +
                "Example: `GET /api/high-value/indicator?place=3207&at=2024-12-31` → `{\"place\":\"3207\",\"population\":4594000,\"validInventions\":…,\"highValue\":…,\"highValuePerTenThousand\":…,\"byCriterion\":[…],\"parameters\":\"assessed at 2024-12-31; …\"}`. Errors: 400 place not a region code, bad date or parameter.")
            .Produces<HighValueIndicator>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapGet("/targets", Targets)
            .WithName("PlanTargets")
            .WithSummary("Progress on the city plan's patent targets (目标监测)")
            .WithDescription("The plan's targets for 2024–2026 (连云港市知识产权强市建设方案): 万人高价值发明专利拥有量 10, 新增发明专利授权 5,000, 专利商标实施许可转让合同备案 2,000, 知识产权质押融资累计 60 亿元 — each with the current value at the data's cut-off, the value at the baseline (2023-12-31) where meaningful, progress, the method in words, and `evaluable: false` with the reason when the data cannot measure it (no population, no licence counts, no pledge amounts). POST the same path with your own targets to track others. Errors: 400 place not a region code.")
            .Produces<TargetReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapPost("/targets", TargetsCustom)
            .WithName("PlanTargetsCustom")
            .WithSummary("Progress on targets you define")
            .WithDescription("Body: a list of targets `{\"id\",\"name\",\"metric\": highValuePerTenThousand | newInventionGrants | licencesAndTransfers | pledgeFinancing, \"value\",\"start\",\"end\",\"source\"}`; `place` and the high-value parameters in the query. Errors: 400 empty list, end before start, non-positive value, bad place.")
            .Accepts<List<PlanTarget>>("application/json")
            .Produces<TargetReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/reference", GetReference)
            .WithName("ReferenceLists")
            .WithSummary("The stored reference lists (pledge amounts, awards, population)")
            .WithDescription("How many entries each list holds; null: the list was never supplied (its criterion or target is then unknown / not evaluable). Errors: 401 when reads require a key.")
            .Produces<ReferenceSummary>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPut("/reference/{list}", PutReference)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("PutReferenceList")
            .WithSummary("Replace a reference list from CSV (质押金额 / 获奖专利 / 人口)")
            .WithDescription("Body: a CSV file (UTF-8 or GB18030, header row). `pledges`: `publication_number,amount` (CNY; `1200万元` allowed; several rows of one patent add up). `awards`: `publication_number,award` (e.g. 中国专利金奖). `population`: `place,year,population` (GB/T 2260 code, year, persons; `459.4万` allowed). Chinese headers work too (公开号, 质押金额, 奖项, 地区, 年份, 人口). The whole file is checked first: any bad row refuses it with every problem listed (row, column, value, reason) and the stored list stays as it was. Errors: 400 unknown list or bad file; 401 missing or wrong X-Api-Key; 413 larger than 32 MB.")
            .Accepts<string>("text/csv")
            .Produces<ReferenceSummary>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return app;
    }

    private static async Task<IResult> GetOne([Description("Publication number (公开号)")] string publicationNumber, [AsParameters] HighValueOptionParameters parameters, PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        var options = parameters.ToOptions();
        return await workspace.Analytics.AssessHighValueAsync(publicationNumber, options, cancellationToken) is { } a
            ? TypedResults.Ok(a)
            : Problems.NotFound($"No patent '{publicationNumber}' is stored.");
    }

    private static async Task<IResult> List(
        [AsParameters] FilterParameters filter,
        [AsParameters] HighValueOptionParameters parameters,
        PatentWorkspace workspace,
        HttpContext http,
        CancellationToken cancellationToken,
        [Description("Keep one verdict: highValue | notHighValue | undetermined")] string? verdict = null,
        [Description("JSON items to return, 1-10000; default 100")] int? top = null,
        [Description("json (default) | csv")] string? format = null)
    {
        var options = parameters.ToOptions();
        var wanted = FilterParameters.ParseEnum<HighValueVerdict>(verdict, "verdict");
        var n = top ?? 100;
        if (n is < 1 or > 10_000)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 10000, got {n}"), parameter: "top");
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException($"unknown format '{format}'; use json or csv", parameter: "format");
        }

        var selection = await workspace.Analytics.SelectHighValueAsync(filter.ToFilter(), options, wanted, csv ? null : n, cancellationToken);
        if (csv)
        {
            var criteria = Enum.GetValues<HighValueCriterion>();
            var rows = workspace.Analytics.StreamHighValueAssessmentsAsync(selection.PublicationNumbers, options, cancellationToken)
                .Select(a => new string?[] { a.PublicationNumber, a.Title, JsonName(a.Verdict.ToString()) }
                    .Concat(criteria.Select(c => a.Criteria.FirstOrDefault(x => x.Criterion == c) is { } r ? JsonName(r.Outcome.ToString()) : null))
                    .Concat(criteria.Select(c => a.Criteria.FirstOrDefault(x => x.Criterion == c)?.Evidence))
                    .Append(selection.Parameters)
                    .ToArray());
            return TypedResults.Stream(
                body => CsvCells.WriteAsync(
                    body,
                    ["publicationNumber", "title", "verdict", .. criteria.Select(c => JsonName(c.ToString())), .. criteria.Select(c => JsonName(c.ToString()) + "Evidence"), "parameters"],
                    rows,
                    cancellationToken),
                "text/csv; charset=utf-8",
                "patentnav-high-value.csv");
        }

        var items = await workspace.Analytics.StreamHighValueAssessmentsAsync(selection.PublicationNumbers, options, cancellationToken).ToListAsync(cancellationToken);
        var counts = selection.Counts.ToDictionary(kv => JsonName(kv.Key.ToString()), kv => checked((int)kv.Value), StringComparer.Ordinal);
        return TypedResults.Ok(new HighValueListResponse(checked((int)selection.Patents), counts, selection.Parameters, items) { Statements = selection.Statements });
    }

    private static async Task<Ok<HighValueIndicator>> Indicator(
        [Description("GB/T 2260 region code: 32, 3207, 320706")] string? place,
        [AsParameters] HighValueOptionParameters parameters,
        PatentWorkspace workspace,
        CancellationToken cancellationToken,
        [Description("Date of the stock, yyyy-MM-dd; default: the data's cut-off")] string? at = null) =>
        TypedResults.Ok(await workspace.Analytics.HighValueIndicatorAsync(place ?? string.Empty, FilterParameters.ParseDate(at, "at"), parameters.ToOptions(), cancellationToken));

    private static async Task<Ok<TargetReport>> Targets(
        [Description("GB/T 2260 region code, e.g. 3207")] string? place,
        [AsParameters] HighValueOptionParameters parameters,
        PatentWorkspace workspace,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await workspace.Analytics.TrackTargetsAsync(place ?? string.Empty, null, parameters.ToOptions(), cancellationToken));

    private static async Task<Ok<TargetReport>> TargetsCustom(
        [Description("GB/T 2260 region code, e.g. 3207")] string? place,
        [AsParameters] HighValueOptionParameters parameters,
        List<PlanTarget>? targets,
        PatentWorkspace workspace,
        CancellationToken cancellationToken)
    {
        if (targets is not { Count: > 0 })
        {
            throw new InvalidRequestException("send a non-empty JSON list of targets", parameter: "body");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            if (t is null || string.IsNullOrWhiteSpace(t.Id) || t.Value <= 0 || t.End < t.Start || !Enum.IsDefined(t.Metric))
            {
                throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"target [{i}] needs an id, a metric, a positive value and end on or after start"), parameter: $"body[{i}]");
            }
        }

        return TypedResults.Ok(await workspace.Analytics.TrackTargetsAsync(place ?? string.Empty, targets, parameters.ToOptions(), cancellationToken));
    }

    private static Ok<ReferenceSummary> GetReference(PatentWorkspace workspace) => TypedResults.Ok(Summary(workspace.Settings.References));

    private static async Task<IResult> PutReference([Description("pledges | awards | population")] string list, HttpContext http, PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        ReferenceListKind? kind = list.ToLowerInvariant() switch
        {
            "pledges" => ReferenceListKind.PledgeAmounts,
            "awards" => ReferenceListKind.Awards,
            "population" => ReferenceListKind.Population,
            _ => null,
        };
        if (kind is null)
        {
            return Problems.BadRequest($"unknown reference list '{list}'; use pledges, awards or population", "list");
        }

        if (http.Request.ContentLength is > MaxReferenceBytes)
        {
            return TypedResults.Problem(detail: $"The list is larger than {MaxReferenceBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxReferenceBytes)
        {
            return TypedResults.Problem(detail: $"The list is larger than {MaxReferenceBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
        }

        if (buffer.Length == 0)
        {
            return Problems.BadRequest("Send the CSV file as the request body.", "body");
        }

        var stored = await workspace.Settings.SetReferenceListAsync(kind.Value, buffer.ToArray(), cancellationToken);
        return TypedResults.Ok(Summary(stored));
    }

    private static ReferenceSummary Summary(ReferenceLists r) => new(r.PledgeAmounts?.Count, r.Awards?.Count, r.Population.Count);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
