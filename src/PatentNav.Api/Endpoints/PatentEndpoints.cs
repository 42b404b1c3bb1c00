using System.ComponentModel;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>Single patents and their neighbours.</summary>
internal static class PatentEndpoints
{
    public static IEndpointRouteBuilder MapPatentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patents").WithTags("Patents").AddEndpointFilter<ReadKeyFilter>();

        group.MapGet("/{publicationNumber}", Get)
            .WithName("GetPatent")
            .WithSummary("Get one patent by publication number (公开号)")
            .WithDescription("Any written form is accepted: CN114081026A, CN 114081026 A, CN-114081026-A. Fields the imported exports did not have are absent (unknown), not zero. Errors: 404 when no such patent is stored.")
            .Produces<PatentRecord>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{publicationNumber}/similar", Similar)
            .WithName("SimilarPatents")
            .WithSummary("Patents similar to one (相似专利)")
            .WithDescription("MoreLikeThis over the patent's segmented title, abstract and claims, with the patent stop list (所述, 其特征在于 … do not count). Errors: 404 unknown number, 400 bad size.")
            .Produces<SimilarResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{publicationNumber}/industries", Industries)
            .WithName("PatentIndustries")
            .WithSummary("A patent's industries with reasons (产业归属)")
            .WithDescription("Its SEI branches (战略性新兴产业, CNIPA SEI–IPC 2021) and city chains (重点产业链), computed now with the current taxonomies, each with the reason: the rule, the IPC code and pattern that matched, exclusions that removed codes, the official sub-industry wording, and precision limits (codes given at subclass level only). Errors: 404 unknown number.")
            .Produces<IndustriesResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static async Task<IResult> Industries([Description("Publication number, e.g. CN114081026A")] string publicationNumber, SearchService search, CancellationToken cancellationToken)
    {
        var industries = await search.GetIndustriesAsync(publicationNumber, cancellationToken);
        return industries is null
            ? Problems.NotFound($"No patent with publication number '{publicationNumber}' is stored.")
            : TypedResults.Ok(new IndustriesResponse(PublicationNumber.TryParse(publicationNumber).Value.Value, industries));
    }

    private static async Task<IResult> Get([Description("Publication number, e.g. CN114081026A")] string publicationNumber, SearchService search, CancellationToken cancellationToken)
    {
        var record = await search.GetAsync(publicationNumber, cancellationToken);
        return record is null ? Problems.NotFound($"No patent with publication number '{publicationNumber}' is stored.") : TypedResults.Ok(record);
    }

    private static async Task<IResult> Similar(
        [Description("Publication number, e.g. CN114081026A")] string publicationNumber,
        SearchService search,
        CancellationToken cancellationToken,
        [Description("How many, 1-100; default 10")] int size = 10)
    {
        if (size is < 1 or > 100)
        {
            return Problems.BadRequest($"size must be between 1 and 100, got {size}", "size");
        }

        var similar = await search.FindSimilarAsync(publicationNumber, size, cancellationToken);
        return similar is null
            ? Problems.NotFound($"No patent with publication number '{publicationNumber}' is stored.")
            : TypedResults.Ok(new SimilarResponse(PublicationNumber.TryParse(publicationNumber).Value.Value, similar));
    }
}
