using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>Supply–demand matching (供需对接): technology needs → patents and their holders.</summary>
internal static class NeedEndpoints
{
    private const string Description =
        "Describe a technology need in Chinese and get the patents that answer it and who holds them. The need's terms are chosen MoreLikeThis-style: its feature tokens (SmartCn with the patent stop list, this workspace's discovered domain terms such as 碳纤维 joined, need phrasing such as 我们/需要/希望 dropped) weighted tf × ln(1 + N/df); at most 12, leaving out terms in no patent or in more than 30 % of them (`terms` shows every one with `used`). " +
        "Patents are ranked by BM25 of each term as a contiguous phrase in title (×2), abstract and claims plus its SmartCn words, each term boosted by its weight, under the filters: `industry` (sei:3, city:新材料 or a name), `region` (GB/T 2260 code or name), `holderType` (enterprise, university, researchInstitute, individual, other: the first holder's type), `validOnly`. " +
        "Each patent carries the need terms it contains and a short `reason`; `holders` groups them by first holder (name variants merged) with the inventors behind them; `institutionsFirst` puts universities and research institutes first (partners to approach, 揭榜挂帅). When the workspace's industry classifier has been trained (it is never trained by this call), the need's industries are listed with probabilities and each patent's score is multiplied by 1 + 0.5·p, p the need's probability for the patent's industry (`useClassifier: false` turns this off). `format=csv` downloads the patents. " +
        "Example: `POST /api/needs/match {\"text\":\"我们需要耐高温的碳纤维复合材料成型工艺，用于风电叶片\",\"institutionsFirst\":true,\"top\":20}`. Errors: 400 when `text` is missing, empty or over 2,000 characters, `top` outside 1–200, or a filter is invalid (with `parameter`).";

    public static IEndpointRouteBuilder MapNeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/needs/match", Match)
            .WithTags("Supply-demand matching")
            .AddEndpointFilter<ReadKeyFilter>()
            .AddEndpointFilter<AnalysisTimeLimit>()
            .WithName("MatchNeed")
            .WithSummary("Match a technology need to patents and holders (供需对接)")
            .WithDescription(Description)
            .Accepts<NeedBody>("application/json")
            .Produces<NeedMatchResult>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> Match(NeedBody? body, AnalyticsService analytics, HttpContext http, CancellationToken cancellationToken, [FromQuery] string? format = null)
    {
        if (body?.Text is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return Problems.BadRequest("Send {\"text\": \"…\"} with the need in Chinese.", "text");
        }

        if (text.Length > NeedMatching.MaxNeedLength)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"text has {text.Length} characters; at most {NeedMatching.MaxNeedLength} are accepted."), "text");
        }

        var top = body.Top ?? 20;
        if (top is < 1 or > 200)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 200, got {top}."), "top");
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"unknown format '{format}'; use json or csv", "format");
        }

        var request = new NeedRequest
        {
            Text = text,
            Industry = string.IsNullOrWhiteSpace(body.Industry) ? null : body.Industry,
            Region = string.IsNullOrWhiteSpace(body.Region) ? null : body.Region,
            HolderType = FilterParameters.ParseEnum<ApplicantType>(body.HolderType, "holderType"),
            ValidOnly = body.ValidOnly ?? false,
            InstitutionsFirst = body.InstitutionsFirst ?? false,
            UseClassifier = body.UseClassifier ?? true,
            Top = top,
        };
        var result = await analytics.MatchNeedAsync(request, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(result);
        }

        var bytes = await CsvExport.WriteAsync(
            ["rank", "publicationNumber", "title", "score", "holder", "holderType", "inventors", "legalStatus", "region", "matchedTerms", "reason"],
            result.Patents.Select(p => new string?[]
            {
                p.Rank.ToString(CultureInfo.InvariantCulture), p.PublicationNumber, p.Title, p.Score.ToString("0.####", CultureInfo.InvariantCulture), p.Holder, p.HolderType.ToString(),
                string.Join("; ", p.Inventors), p.LegalStatus.ToString(), p.Region, string.Join("; ", p.MatchedTerms), p.Reason,
            }),
            cancellationToken);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"patentnav-need-match.csv\"";
        return TypedResults.File(bytes, "text/csv; charset=utf-8");
    }
}

/// <summary>A technology need (技术需求) and its filters.</summary>
public sealed record NeedBody
{
    /// <summary>The need in Chinese, up to 2,000 characters.</summary>
    /// <example>我们需要耐高温的碳纤维复合材料成型工艺，用于风电叶片</example>
    public string? Text { get; init; }

    /// <summary>Only patents in this industry, branch or chain: sei:3, sei:3.3, city:新材料, or a name.</summary>
    /// <example>city:新材料</example>
    public string? Industry { get; init; }

    /// <summary>Only patents of this place: GB/T 2260 code (32, 3207) or name.</summary>
    public string? Region { get; init; }

    /// <summary>Only patents whose first holder is of this type: enterprise, university, researchInstitute, individual, other.</summary>
    public string? HolderType { get; init; }

    /// <summary>Only patents whose legal status is valid; default false.</summary>
    public bool? ValidOnly { get; init; }

    /// <summary>Universities and research institutes first; default false.</summary>
    /// <example>true</example>
    public bool? InstitutionsFirst { get; init; }

    /// <summary>Re-rank by the industry classifier when one has been trained (POST /api/classifier/train); default true.</summary>
    public bool? UseClassifier { get; init; }

    /// <summary>How many patents, 1–200; default 20.</summary>
    /// <example>20</example>
    public int? Top { get; init; }
}
