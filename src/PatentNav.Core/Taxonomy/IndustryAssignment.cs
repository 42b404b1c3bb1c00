using PatentNav.Records;

namespace PatentNav.Taxonomy;

/// <summary>
/// One industry a patent belongs to under one taxonomy, with the reason (which rule and IPC pattern matched, which
/// exclusion applied).
/// </summary>
/// <param name="TaxonomyId">The taxonomy: <c>sei</c> (CNIPA strategic emerging industries, 战略性新兴产业) or <c>city</c>
/// (the city's priority chains, 重点产业链).</param>
/// <param name="Code">The industry code: the SEI first level (<c>3</c>) or the city chain (<c>高端石化</c>).</param>
/// <param name="Name">The industry name (新材料产业, 高端石化).</param>
/// <param name="BranchCode">The SEI branch (<c>3.3</c>); <c>null</c> for city chains.</param>
/// <param name="BranchName">The SEI branch name (先进石化化工新材料); <c>null</c> for city chains.</param>
/// <param name="Reason">Why: the rules that matched, with the code and pattern of each, exclusions that removed codes, the
/// official sub-industry wording, and any precision limit (codes given at subclass level only).</param>
/// <param name="MatchedCodes">The record's IPC codes that carried the assignment (WIPO form).</param>
public sealed record IndustryAssignment(
    string TaxonomyId,
    string Code,
    string Name,
    string? BranchCode,
    string? BranchName,
    string Reason,
    IReadOnlyList<string> MatchedCodes)
{
    /// <summary>The filter and facet value of the most specific level: <c>sei:3.3</c> or <c>city:高端石化</c>.</summary>
    public string Key => TaxonomyId + ":" + (BranchCode ?? Code);
}

/// <summary>An industry taxonomy: assigns patents to industries with a reason for each assignment.</summary>
/// <remarks>Implementations are immutable and safe for concurrent use; <see cref="Assign"/> is pure.</remarks>
public interface IIndustryTaxonomy
{
    /// <summary>The taxonomy's id, the prefix of its filter values (<c>sei</c>, <c>city</c>).</summary>
    string Id { get; }

    /// <summary>A readable name, e.g. 战略性新兴产业分类与国际专利分类参照关系表（2021）.</summary>
    string Name { get; }

    /// <summary>The industries of <paramref name="record"/>, each with its reason; empty when none applies.</summary>
    IReadOnlyList<IndustryAssignment> Assign(PatentRecord record);
}
