using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>Places (地区与园区), regional positioning (区域产业定位) and chokepoint lists (卡脖子技术清单).</summary>
internal static class PositioningEndpoints
{
    private const int MaxPlacesBytes = 1 << 20;

    private const string PositioningDescription =
        "Positions a place in a field against a benchmark (GB/T 39551 定位). `place`: a place id of GET /api/places (320771, xuwei) or any GB/T 2260 code (32, 3207, 320706). The field: `industry` (city:高端石化, sei:3.3, a name) and/or `ipc` prefixes. `benchmark`: `workspace` (default), `nation` (patents with a Chinese region), a GB/T 2260 code (a province: 32) or `places:id1,id2` (a chosen set of places).\n\n" +
        "With a = place in field, b = place in all fields, c = benchmark in field, d = benchmark: `shareOfField` = a/c, **RTA** (显示性技术优势) = (a/c)/(b/d) with a 95 % interval from the exact Poisson interval of a; `tooFew` when a < `minSupport` (default 5). `rank`: among places of the same level (provinces, cities or districts of the benchmark by their region codes — the region/city facet counts; parks: the catalogue's parks), by field patents and by RTA (only peers with at least minSupport). `growth`: both Poisson trends (as /api/trends) and the relative growth exp(b_place − b_benchmark) − 1 with a 95 % CI (`faster`/`slower` only when it excludes 0). `applicants` (rules of /api/applicants) and `inventors` of the place in the field; `strongest`/`weakest` technologies (IPC subclasses, or main groups with `technologyLevel=mainGroup`) by RTA within the field (strongest need a ≥ minSupport, weakest c ≥ minSupport). `conventions` states the date counted, documents vs families (documents: no family ids in the data), the cut-off and how patents are attributed to places. `statements`: the SQL that counted every figure, with its parameters, to rerun in DuckDB on the exported dataset (GET /api/dataset/patents); no cap on the benchmark's size.\n\n" +
        "Example: `GET /api/positioning?place=3207&industry=city:高端石化&benchmark=32` → `{\"place\":{\"id\":\"3207\",\"name\":\"连云港市\",\"level\":\"city\",…},\"placeInField\":{\"count\":97,\"lower\":78.7,\"upper\":118.3},\"rta\":1.8,\"rank\":{\"rankByPatents\":1,…},\"growth\":{\"verdict\":\"notDistinguishable\",…},\"conventions\":{\"dateField\":\"filing\",\"units\":\"documents …\",\"cutoff\":\"2024-12-31\",…}}`. " +
        "Errors: 400 with `parameter` (place, industry, ipc, benchmark, dateField, from, to, cutoff, top, minSupport, technologyLevel); 503 with `Retry-After` while the analytical store is being rebuilt from the index (`/health` shows its progress).";

    private const string ChokepointDescription =
        "Starts a chokepoint list (卡脖子技术清单) for a field and a place as a job: 202 with `Location: /api/jobs/{id}`; poll it for `progress` (stage `units`, done/total) and the `result`. Body: `{\"place\":\"3207\",\"industry\":\"city:高端石化\",\"ipc\":[],\"weights\":{\"value\":0.25,\"gap\":0.25,\"monopoly\":0.25,\"difficulty\":0.25},\"unitLevel\":\"mainGroup\",\"minSupport\":null,\"top\":20,\"partners\":5,\"dateField\":\"filing\",\"from\":null,\"to\":null,\"cutoff\":null}` (only place and a field are required).\n\n" +
        "Units are IPC main groups of each patent's main IPC (its subclass when the export gives no group) over the **whole workspace's** patents of the field; units below `minSupport` are not scored (default: at least 5 patents and 1 % of the field's patents, stated in `notes`). Four components (V-G-M-B), each the mean of min–max-normalised indicators (higher = more of a chokepoint): **value** (ln(1+patents), Poisson growth, mean citations, mean family size, high-value share of valid invention grants by CNIPA's criteria), **gap** (1 − place ÷ leader, the leader being the largest Chinese city or foreign country; 1 − China's share ÷ the leading country's; 1/(1+RTA of the place)), **monopoly** (foreign share of valid invention grants, HHI and CR4 of holders), **difficulty** (foreign and top-4 shares of high-value patents, minus domestic growth). Score = Σ weight × component over the components that could be computed, weights renormalised. Each entry lists every component and indicator (raw, normalised, or why missing), `missing` components, `evidence` (top holders with counts, shares, years; per-year counts; shares; HHI/CR4), and partners: `localApplicants` (in the place, in or next to the unit — same subclass) and `institutions` (universities and research institutes elsewhere), each with their patents. `missingIndicators` names data fields the export lacked (citations, family size, applicant country). `statements`: the SQL over the analytical store that counted every indicator, with its parameters (the high-value verdict included; the reference lists join as the tables hv_pledge and hv_award); no cap on the field's size.\n\n" +
        "Errors: 400 with `parameter` (place, industry, ipc, weights.value …, top, minSupport, partners, unitLevel, dateField, from, to, cutoff) before the job starts; 401 when reads require a key; a job fails with `errorStatus` 503 while the analytical store is being rebuilt from the index.";

    public static IEndpointRouteBuilder MapPositioningEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Positioning").AddEndpointFilter<ReadKeyFilter>();
        var reads = group.MapGroup(string.Empty).AddEndpointFilter<AnalysisTimeLimit>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        reads.MapGet("/places", ListPlaces)
            .WithName("Places")
            .WithSummary("The places: city, districts and parks (地区与园区)")
            .WithDescription("The place catalogue: each place's id, name, level (province, city, district, park), GB/T 2260 `codes`, `addressPatterns` (fragments of the applicant's address, within `within` when the record's region is known) and the rule in words; `definition` is the stored JSON (edit it and PUT it back). Any GB/T 2260 code is a place too without configuration. The default knows 连云港: 3207, its districts, 320771 连云港经济技术开发区, 320772 连云港高新技术产业开发区 and 徐圩新区 (连云港石化产业基地) by address. Errors: 401 when reads require a key.")
            .Produces<PlaceListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapGet("/places/{id}", GetPlace)
            .WithName("Place")
            .WithSummary("One place with its rule and its number of patents")
            .WithDescription("`id`: a catalogue id, name or alias (320771, xuwei, 徐圩新区) or a GB/T 2260 code (3201). `patents` counts the stored patents in the place. Example: `GET /api/places/xuwei` → `{\"id\":\"xuwei\",\"name\":\"徐圩新区（连云港石化产业基地）\",\"level\":\"park\",\"addressPatterns\":[\"徐圩新区\",…],\"patents\":0}`. Errors: 404 unknown place; 401 when reads require a key.")
            .Produces<PlaceResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPut("/places", PutPlaces)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("PutPlaces")
            .WithSummary("Replace the place catalogue (地区与园区配置)")
            .WithDescription("Body: the catalogue JSON (docs/places.md): `places` with `id`, `name`, `level` (province|city|district|park), `codes` (GB/T 2260) and/or `addressPatterns` (≥ 2 characters), optional `within`, `parent`, `aliases`, `description`. Validated and stored in the data directory; positioning and chokepoints use it at once (nothing is re-indexed: places are matched when analyses run). Errors: 400 ValidationProblem whose `errors` are keyed by JSON path (places[3].codes[0]); 401 missing or wrong X-Api-Key.")
            .Accepts<PlaceCatalogDefinition>("application/json")
            .Produces<PlaceListResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapGet("/patents/{publicationNumber}/places", PatentPlaces)
            .WithName("PatentPlaces")
            .WithSummary("The places a patent is in, and why (地区归属)")
            .WithDescription("Every configured place the patent matches and its province, city and district, each with `rule` (`code`: the record's region code — itself decided by the export's region fields or the applicant's address, named in `basis`; `address`: an address pattern, quoted) and `basis`. Errors: 404 unknown number; 401 when reads require a key.")
            .Produces<PatentPlacesResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        reads.MapGet("/positioning", Position)
            .WithName("Positioning")
            .WithSummary("A place's position in a field against a benchmark: share, RTA, rank, growth, applicants, technologies (区域产业定位)")
            .WithDescription(PositioningDescription)
            .Produces<PositioningReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/chokepoints", StartChokepoints)
            .WithName("Chokepoints")
            .WithSummary("Start a chokepoint list for a field and a place (卡脖子技术清单), as a job")
            .WithDescription(ChokepointDescription)
            .Accepts<ChokepointBody>("application/json")
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static Ok<PlaceListResponse> ListPlaces(PatentWorkspace workspace) => TypedResults.Ok(PlaceListResponse.Of(workspace.Settings.Places));

    private static async Task<IResult> GetPlace([Description("Place id, name or GB/T 2260 code, e.g. 320771, xuwei, 3201")] string id, PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        var place = workspace.Settings.Places.Find(id);
        if (place is null)
        {
            return Problems.NotFound($"No place '{id}': use an id of GET /api/places or a GB/T 2260 code.");
        }

        var patents = await workspace.Analytics.CountPlaceAsync(place.Id, null, cancellationToken);
        return TypedResults.Ok(PlaceResponse.Of(place, patents));
    }

    private static async Task<IResult> PutPlaces(HttpContext http, PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is > MaxPlacesBytes)
        {
            return Problems.BadRequest($"The place catalogue is larger than {MaxPlacesBytes} bytes.", "body");
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(json))
        {
            return Problems.BadRequest("Send the place catalogue JSON as the request body (see GET /api/places for the current one).", "body");
        }

        try
        {
            return TypedResults.Ok(PlaceListResponse.Of(await workspace.Settings.SetPlacesAsync(json, cancellationToken)));
        }
        catch (PlaceValidationException ex)
        {
            return TypedResults.ValidationProblem(
                ex.Errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
                detail: ex.Message,
                title: "Invalid place catalogue");
        }
    }

    private static async Task<IResult> PatentPlaces([Description("Publication number, e.g. CN114081026A")] string publicationNumber, PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        var places = await workspace.Search.GetPlacesOfAsync(publicationNumber, cancellationToken);
        return places is null
            ? Problems.NotFound($"No patent with publication number '{publicationNumber}' is stored.")
            : TypedResults.Ok(new PatentPlacesResponse(Records.PublicationNumber.TryParse(publicationNumber).Value.Value, places));
    }

    private static async Task<Ok<PositioningReport>> Position([AsParameters] PositioningParameters parameters, PatentWorkspace workspace, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workspace.Analytics.PositionAsync(parameters.ToRequest(), cancellationToken));

    private static IResult StartChokepoints([FromBody] ChokepointBody? body, PatentWorkspace workspace, AnalysisJobs jobs)
    {
        var request = (body ?? new ChokepointBody()).ToRequest();
        workspace.Analytics.ValidateChokepoints(request);
        var job = jobs.Start("chokepoints", async (progress, ct) =>
            await workspace.Analytics.ChokepointsAsync(request, progress, ct));
        return TypedResults.Accepted(AnalysisJobs.Location(job.Id), job);
    }
}

/// <summary>The place catalogue as the Api shows it.</summary>
/// <param name="Name">The catalogue's name.</param>
/// <param name="Version">Its version label.</param>
/// <param name="Places">The places.</param>
/// <param name="Definition">The stored JSON document (edit and PUT back).</param>
public sealed record PlaceListResponse(string Name, string? Version, IReadOnlyList<PlaceResponse> Places, PlaceCatalogDefinition Definition)
{
    internal static PlaceListResponse Of(PlaceCatalog catalog) =>
        new(catalog.Name, catalog.Definition.Version, catalog.Places.Select(p => PlaceResponse.Of(p, null)).ToList(), catalog.Definition);
}

/// <summary>One place.</summary>
/// <param name="Id">The id to use in requests.</param>
/// <param name="Name">The name.</param>
/// <param name="Level">province, city, district or park.</param>
/// <param name="Aliases">Other names.</param>
/// <param name="Codes">GB/T 2260 codes.</param>
/// <param name="AddressPatterns">Address fragments.</param>
/// <param name="Within">The region address matches must lie within.</param>
/// <param name="Parent">The containing place.</param>
/// <param name="Configured">False for a GB/T 2260 division used without configuration.</param>
/// <param name="Rule">The matching rule in words.</param>
/// <param name="Patents">Stored patents in the place (single-place answers only).</param>
public sealed record PlaceResponse(string Id, string Name, PlaceLevel Level, IReadOnlyList<string> Aliases, IReadOnlyList<string> Codes, IReadOnlyList<string> AddressPatterns, string? Within, string? Parent, bool Configured, string Rule, long? Patents)
{
    internal static PlaceResponse Of(Place p, long? patents) =>
        new(p.Id, p.Name, p.Level, p.Aliases, p.Codes, p.AddressPatterns, p.Within, p.Parent, p.Configured, p.Describe(), patents);
}

/// <summary>The places of one patent.</summary>
/// <param name="PublicationNumber">The patent.</param>
/// <param name="Places">Its places with the reason for each.</param>
public sealed record PatentPlacesResponse(string PublicationNumber, IReadOnlyList<PlaceMatch> Places);

/// <summary>Query parameters of GET /api/positioning.</summary>
public sealed record PositioningParameters
{
    /// <summary>The place: id, name or GB/T 2260 code.</summary>
    /// <example>3207</example>
    [FromQuery(Name = "place")]
    [Description("Place id, name or GB/T 2260 code (3207, 320771, xuwei, 32)")]
    public string? Place { get; init; }

    /// <summary>The field as an industry.</summary>
    /// <example>city:高端石化</example>
    [FromQuery(Name = "industry")]
    [Description("Field as an industry: city:高端石化, sei:3.3, or a name")]
    public string? Industry { get; init; }

    /// <summary>The field as IPC prefixes, comma-separated or repeated.</summary>
    /// <example>C10G</example>
    [FromQuery(Name = "ipc")]
    [Description("Field as IPC prefixes, comma-separated or repeated (C10G, C07C)")]
    public string[]? Ipc { get; init; }

    /// <summary>workspace (default), nation, a GB/T 2260 code, or places:id1,id2.</summary>
    /// <example>32</example>
    [FromQuery(Name = "benchmark")]
    [Description("workspace (default) | nation | a GB/T 2260 code (32) | places:id1,id2")]
    public string? Benchmark { get; init; }

    /// <summary>filing (default), publication or grant.</summary>
    [FromQuery(Name = "dateField")]
    [Description("filing (default) | publication | grant: the year counted and the date from/to restrict")]
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
    [Description("Rows per list (peers, applicants, inventors, technologies), 1-100; default 10")]
    public int? Top { get; init; }

    /// <summary>Minimum support.</summary>
    [FromQuery(Name = "minSupport")]
    [Description("Minimum support: smaller counts are flagged tooFew and not ranked by RTA; default 5")]
    public int? MinSupport { get; init; }

    /// <summary>subclass (default) or mainGroup.</summary>
    [FromQuery(Name = "technologyLevel")]
    [Description("subclass (default) | mainGroup: the IPC level of strongest/weakest technologies")]
    public string? TechnologyLevel { get; init; }

    internal PositioningRequest ToRequest() => new()
    {
        Place = Place,
        Industry = Industry,
        Ipc = (Ipc ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
        Benchmark = BenchmarkScope.Parse(Benchmark),
        DateField = FilterParameters.ParseEnum<Records.DateField>(DateField, "dateField") ?? Records.DateField.Filing,
        From = FilterParameters.ParseDate(From, "from"),
        To = FilterParameters.ParseDate(To, "to"),
        Cutoff = FilterParameters.ParseDate(Cutoff, "cutoff"),
        Top = Top ?? 10,
        MinSupport = MinSupport ?? 5,
        TechnologyLevel = FilterParameters.ParseEnum<TechnologyLevel>(TechnologyLevel, "technologyLevel") ?? Analytics.TechnologyLevel.Subclass,
    };
}

/// <summary>The body of POST /api/chokepoints.</summary>
public sealed record ChokepointBody
{
    /// <summary>The place (id, name or GB/T 2260 code).</summary>
    /// <example>3207</example>
    public string? Place { get; init; }

    /// <summary>The field as an industry.</summary>
    /// <example>city:高端石化</example>
    public string? Industry { get; init; }

    /// <summary>The field as IPC prefixes.</summary>
    public IReadOnlyList<string>? Ipc { get; init; }

    /// <summary>Component weights (value, gap, monopoly, difficulty); default 0.25 each.</summary>
    public ChokepointWeightsBody? Weights { get; init; }

    /// <summary>mainGroup (default) or subclass.</summary>
    /// <example>mainGroup</example>
    public string? UnitLevel { get; init; }

    /// <summary>Units with fewer patents are not scored, 1–1000; default: at least 5 patents and 1 % of the field's.</summary>
    public int? MinSupport { get; init; }

    /// <summary>Entries returned, 1–200; default 20.</summary>
    public int? Top { get; init; }

    /// <summary>Partners per entry and kind, 0–20; default 5.</summary>
    public int? Partners { get; init; }

    /// <summary>filing (default), publication or grant.</summary>
    public string? DateField { get; init; }

    /// <summary>Earliest date, yyyy-MM-dd.</summary>
    public string? From { get; init; }

    /// <summary>Latest date, yyyy-MM-dd.</summary>
    public string? To { get; init; }

    /// <summary>Data cut-off, yyyy-MM-dd.</summary>
    public string? Cutoff { get; init; }

    internal ChokepointRequest ToRequest()
    {
        var defaults = ChokepointWeights.Default;
        return new ChokepointRequest
        {
            Place = Place,
            Industry = Industry,
            Ipc = Ipc?.Where(s => !string.IsNullOrWhiteSpace(s)).ToList() ?? [],
            Weights = Weights is null ? null : new ChokepointWeights(Weights.Value ?? defaults.Value, Weights.Gap ?? defaults.Gap, Weights.Monopoly ?? defaults.Monopoly, Weights.Difficulty ?? defaults.Difficulty),
            UnitLevel = FilterParameters.ParseEnum<TechnologyLevel>(UnitLevel, "unitLevel") ?? TechnologyLevel.MainGroup,
            MinSupport = MinSupport, // null: scaled to the field (Chokepoints.MinSupportFor)
            Top = Top ?? 20,
            Partners = Partners ?? 5,
            DateField = FilterParameters.ParseEnum<Records.DateField>(DateField, "dateField") ?? Records.DateField.Filing,
            From = FilterParameters.ParseDate(From, "from"),
            To = FilterParameters.ParseDate(To, "to"),
            Cutoff = FilterParameters.ParseDate(Cutoff, "cutoff"),
        };
    }
}

/// <summary>Chokepoint component weights in a request; a missing one keeps its default 0.25.</summary>
/// <param name="Value">Value weight.</param>
/// <param name="Gap">Gap weight.</param>
/// <param name="Monopoly">Monopoly weight.</param>
/// <param name="Difficulty">Breakthrough-difficulty weight.</param>
public sealed record ChokepointWeightsBody(double? Value, double? Gap, double? Monopoly, double? Difficulty);
