using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Api.Infrastructure;
using PatentNav.Taxonomy;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>Industry taxonomies: the CNIPA SEI–IPC 2021 concordance and the city's chains; editing and re-applying the latter.</summary>
internal static class TaxonomyEndpoints
{
    /// <summary>The largest taxonomy document accepted, in bytes.</summary>
    private const int MaxTaxonomyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapTaxonomyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/taxonomies").WithTags("Taxonomies");

        group.MapGet("/", List)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("ListTaxonomies")
            .WithSummary("List industry taxonomies (产业分类)")
            .WithDescription("`sei`: CNIPA's 战略性新兴产业分类与国际专利分类参照关系表（2021） (9 industries, 40 branches, 303 rules); `city`: the city's priority chains (重点产业链), editable. `industriesAreCurrent` is false after the city taxonomy changed until it is re-applied.")
            .Produces<IReadOnlyList<TaxonomySummary>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{id}", Get)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("GetTaxonomy")
            .WithSummary("The rules of one taxonomy")
            .WithDescription("`sei`: industries → branches → rules (IPC include patterns, exclusions, official sub-industry wording, page). `city`: the JSON document (see docs/taxonomy.md), as PUT accepts it. Errors: 404 unknown id.")
            .Produces<SeiTaxonomyResponse>(StatusCodes.Status200OK)
            .Produces<CityTaxonomyResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPut("/city", PutCity)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("PutCityTaxonomy")
            .WithSummary("Replace the city's chains (重点产业链)")
            .WithDescription("Body: the city taxonomy JSON (docs/taxonomy.md): chains with rules built from SEI branches (`sei`: [\"3.3\"]), IPC patterns (`ipc`: [\"C10G*\"]), `keywords` over title/abstract, and `exclude`/`excludeKeywords`. Validated and stored in the data directory; new imports and `industry` filters use it at once, stored patents after POST /api/taxonomies/reapply. Errors: 400 ValidationProblem whose `errors` are keyed by JSON path (chains[0].rules[1].ipc[2]) and name the chain, rule and field; 401 missing or wrong X-Api-Key.")
            .Accepts<CityTaxonomyDefinition>("application/json")
            .Produces<CityTaxonomyUpdated>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/reapply", Reapply)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("ReapplyTaxonomies")
            .WithSummary("Re-index stored patents with the current taxonomies (重新分类)")
            .WithDescription("Re-indexes every stored patent from its stored record, without re-importing, and answers when done with the count and time (about as fast as an import's indexing: seconds for thousands of patents, minutes for a million). It waits for running imports and holds new ones back; searches keep working and see re-indexed patents within 3 s. It runs to the end even if the client disconnects. Errors: 401.")
            .Produces<TaxonomyReapplyReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static Ok<List<TaxonomySummary>> List(SettingsService settings)
    {
        var t = settings.Taxonomies;
        return TypedResults.Ok(new List<TaxonomySummary>
        {
            new(t.Sei.Id, t.Sei.Name, "official", "2021", t.Sei.Industries.Count, t.Sei.Branches.Count(), t.Sei.RuleCount, settings.IndustriesAreCurrent),
            new(t.City.Id, t.City.Name, "city", t.City.Definition.Version, t.City.Chains.Count, null, t.City.RuleCount, settings.IndustriesAreCurrent),
        });
    }

    private static IResult Get([Description("Taxonomy id: sei or city")] string id, SettingsService settings)
    {
        var t = settings.Taxonomies;
        return id.ToLowerInvariant() switch
        {
            SeiIpcTaxonomy.TaxonomyId => TypedResults.Ok(new SeiTaxonomyResponse(t.Sei.Id, t.Sei.Name, t.Sei.Industries)),
            CityTaxonomy.TaxonomyId => TypedResults.Ok(new CityTaxonomyResponse(t.City.Id, t.City.Name, t.Fingerprint, t.City.Definition)),
            _ => Problems.NotFound($"No taxonomy with id '{id}'; use sei or city."),
        };
    }

    private static async Task<IResult> PutCity(HttpContext http, SettingsService settings, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is > MaxTaxonomyBytes)
        {
            return Problems.BadRequest($"The taxonomy document is larger than {MaxTaxonomyBytes} bytes.", "body");
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(json))
        {
            return Problems.BadRequest("Send the city taxonomy JSON as the request body (see GET /api/taxonomies/city for the current one).", "body");
        }

        try
        {
            var city = await settings.SetCityTaxonomyAsync(json, cancellationToken);
            return TypedResults.Ok(new CityTaxonomyUpdated(city.Chains.Count, city.RuleCount, settings.Taxonomies.Fingerprint, settings.IndustriesAreCurrent, "/api/taxonomies/reapply"));
        }
        catch (TaxonomyValidationException ex)
        {
            return TaxonomyProblem(ex);
        }
    }

    private static async Task<Ok<TaxonomyReapplyReport>> Reapply(SettingsService settings)
    {
        // Not the request's token: a re-apply that stopped half-way would leave the index mixed until the next run.
        var report = await settings.ReapplyTaxonomyAsync(cancellationToken: CancellationToken.None);
        return TypedResults.Ok(report);
    }

    /// <summary>A 400 ValidationProblem with the errors keyed by JSON path.</summary>
    internal static IResult TaxonomyProblem(TaxonomyValidationException ex) =>
        TypedResults.ValidationProblem(
            ex.Errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
            detail: ex.Message,
            title: "Invalid taxonomy");
}

/// <summary>A taxonomy in the list.</summary>
/// <param name="Id">sei or city: the prefix of its filter values (sei:3.3, city:高端石化).</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">official (CNIPA) or city (editable).</param>
/// <param name="Version">Edition or version label.</param>
/// <param name="Industries">First-level industries (SEI) or chains (city).</param>
/// <param name="Branches">SEI branches; null for the city taxonomy.</param>
/// <param name="Rules">Rules in all.</param>
/// <param name="IndustriesAreCurrent">Whether stored patents are indexed with the current taxonomies (false until re-applied after a change).</param>
public sealed record TaxonomySummary(string Id, string Name, string Kind, string? Version, int Industries, int? Branches, int Rules, bool IndustriesAreCurrent);

/// <summary>The SEI–IPC 2021 table.</summary>
/// <param name="Id">sei.</param>
/// <param name="Name">战略性新兴产业分类与国际专利分类参照关系表（2021）.</param>
/// <param name="Industries">Industries → branches → rules.</param>
public sealed record SeiTaxonomyResponse(string Id, string Name, IReadOnlyList<SeiIndustry> Industries);

/// <summary>The city taxonomy document.</summary>
/// <param name="Id">city.</param>
/// <param name="Name">Its name.</param>
/// <param name="Fingerprint">A hash of the current taxonomies (stored with index commits).</param>
/// <param name="Definition">The document, as PUT accepts it.</param>
public sealed record CityTaxonomyResponse(string Id, string Name, string Fingerprint, CityTaxonomyDefinition Definition);

/// <summary>The outcome of replacing the city taxonomy.</summary>
/// <param name="Chains">Chains in the new taxonomy.</param>
/// <param name="Rules">Rules in the new taxonomy.</param>
/// <param name="Fingerprint">The new fingerprint.</param>
/// <param name="IndustriesAreCurrent">False when stored patents still carry the previous industries.</param>
/// <param name="Reapply">Where to POST to re-index the stored patents.</param>
public sealed record CityTaxonomyUpdated(int Chains, int Rules, string Fingerprint, bool IndustriesAreCurrent, string Reapply);

/// <summary>A patent's industries.</summary>
/// <param name="PublicationNumber">The patent.</param>
/// <param name="Items">SEI branches, then city chains, each with its reason.</param>
public sealed record IndustriesResponse(string PublicationNumber, IReadOnlyList<IndustryAssignment> Items);
