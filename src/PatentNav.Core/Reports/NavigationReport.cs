using System.Text.Json.Serialization;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Reports;

/// <summary>A navigation report request (一园区、一产业、一导航): one place and one industry.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NavigationRequest : PlaceFieldRequest
{
    /// <summary>What the place is compared with; every stored patent when null.</summary>
    public BenchmarkScope? Benchmark { get; init; }

    /// <summary>Rows in each list (applicants, inventors, technologies, peers, patents); default 10, 1–50.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Minimum support for rates, technologies and chokepoint units. Default (null): 5 for rates and
    /// technologies; for chokepoint units, scaled to the field (<see cref="Analytics.Chokepoints.MinSupportFor"/>).</summary>
    public int? MinSupport { get; init; }

    /// <summary>Chokepoint entries listed; default 10, 1–50.</summary>
    public int Chokepoints { get; init; } = 10;

    /// <summary>
    /// The number of technology clusters, default 8; null to choose it by silhouette within 3–<see cref="MaxClusters"/>.
    /// A fixed default because on patent titles and abstracts the silhouette barely varies with k, so the automatic choice
    /// follows noise and adds clustering time (docs/clusters.md).
    /// </summary>
    public int? Clusters { get; init; } = 8;

    /// <summary>The largest number of clusters the automatic choice considers (when <see cref="Clusters"/> is null); default 10.</summary>
    public int MaxClusters { get; init; } = 10;
}

/// <summary>
/// A patent navigation report (专利导航报告) for one place and one industry, structured as GB/T 39551-2020 part 3 asks:
/// 方向 (direction), 定位 (positioning), 路径 (paths). Every recommendation names the figures it rests on by their path in
/// this object's JSON form. Same data and parameters give the same report, apart from <see cref="ReportBasis.GeneratedAt"/>.
/// </summary>
/// <param name="Title">The report title in Chinese.</param>
/// <param name="Scope">The place, industry and benchmark.</param>
/// <param name="Basis">Counting conventions, parameters, data cut-off and generation time.</param>
/// <param name="Direction">方向: the field's trend, technology clusters, lifecycle and who controls it.</param>
/// <param name="Positioning">定位: the place in the field, its high-value patents and the chokepoint list.</param>
/// <param name="Paths">路径: recommendations in the five families, each with its evidence.</param>
/// <param name="Synthetic">True when some records the report counts carry synthetic demonstration data.</param>
/// <param name="Notes">Statements about the report (caps, missing data, synthetic data).</param>
public sealed record NavigationReport(
    string Title,
    NavigationScope Scope,
    ReportBasis Basis,
    DirectionPart Direction,
    PositioningPart Positioning,
    PathsPart Paths,
    bool Synthetic,
    IReadOnlyList<string> Notes)
{
    /// <summary>The appendix (附录): every SQL statement over the analytical store that counted a figure of the report, with
    /// its parameters, to rerun with DuckDB on the report's Parquet dataset (table <c>patent</c>).</summary>
    public IReadOnlyList<Analytics.SqlStatement> Statements { get; init; } = [];
}

/// <summary>What a report is about.</summary>
/// <param name="Place">The place and how patents are matched to it.</param>
/// <param name="Industry">The industry filter value (<c>city:新材料</c>).</param>
/// <param name="IndustryName">Its name (新材料).</param>
/// <param name="Benchmark">The benchmark in words.</param>
/// <param name="PlaceRule">How patents are matched to the place, in Chinese.</param>
/// <param name="BenchmarkName">The benchmark in Chinese.</param>
public sealed record NavigationScope(PlaceSummary Place, string Industry, string IndustryName, string Benchmark, string PlaceRule, string BenchmarkName);

/// <summary>The basis of a report (GB/T 39551 asks for it to be stated).</summary>
/// <param name="Conventions">Counting conventions (date counted, units, attribution, cut-off).</param>
/// <param name="DataCutoff">The data cut-off (数据截止日).</param>
/// <param name="GeneratedAt">When the report was generated (UTC); the only part that differs between two runs on the same data.</param>
/// <param name="WorkspacePatents">Patents stored in the workspace when the report was generated.</param>
/// <param name="Parameters">Every parameter, as given or defaulted.</param>
/// <param name="Engine">The engine and version that generated the report.</param>
public sealed record ReportBasis(CountingConventions Conventions, DateOnly? DataCutoff, DateTimeOffset GeneratedAt, long WorkspacePatents, IReadOnlyList<ReportParameter> Parameters, string Engine);

/// <summary>A parameter of a report.</summary>
/// <param name="Name">Its name as in the request.</param>
/// <param name="Value">Its value.</param>
public sealed record ReportParameter(string Name, string Value);

/// <summary>方向: where the field is going and who controls it (in the benchmark).</summary>
/// <param name="Trend">Filing trend of the field with Poisson growth, CAGR and lifecycle stage.</param>
/// <param name="Clusters">Technology clusters of the field with their growth and map positions.</param>
/// <param name="Control">Who controls the field: countries, provinces, leading applicants, concentration.</param>
public sealed record DirectionPart(TrendReport Trend, ClusterOverview Clusters, FieldControl Control);

/// <summary>The technology composition of the field (技术构成), from <see cref="TechnologyClusters"/>.</summary>
/// <param name="Patents">Patents read.</param>
/// <param name="Clustered">Patents with text features, all in a cluster.</param>
/// <param name="K">Clusters.</param>
/// <param name="Selection">How k was chosen, in words.</param>
/// <param name="Clusters">The clusters, largest first.</param>
/// <param name="MapMethod">How the map positions were computed.</param>
/// <param name="Seed">The seed (reproduce with the same data and seed).</param>
/// <param name="Notes">Statements about the clustering.</param>
public sealed record ClusterOverview(int Patents, int Clustered, int K, string Selection, IReadOnlyList<ClusterSummary> Clusters, string MapMethod, int Seed, IReadOnlyList<string> Notes);

/// <summary>One technology cluster as the report shows it.</summary>
/// <param name="Id">1-based, largest first.</param>
/// <param name="Label">Distinctive terms joined by 、.</param>
/// <param name="Size">Patents.</param>
/// <param name="Share">Size ÷ clustered patents.</param>
/// <param name="AnnualGrowth">Poisson annual growth, null when not fitted.</param>
/// <param name="Lifecycle">Lifecycle stage label (萌芽期, 成长期, 成熟期, 衰退期, 不确定).</param>
/// <param name="FirstYear">First filing year.</param>
/// <param name="LastYear">Last filing year.</param>
/// <param name="X">Map position (classical MDS of the centroids).</param>
/// <param name="Y">Map position.</param>
/// <param name="LeadingApplicant">The cluster's leading applicant.</param>
/// <param name="Representative">The patent closest to the centroid.</param>
/// <param name="RepresentativeTitle">Its title.</param>
public sealed record ClusterSummary(int Id, string Label, int Size, double Share, double? AnnualGrowth, string Lifecycle, int? FirstYear, int? LastYear, double X, double Y, string? LeadingApplicant, string? Representative, string? RepresentativeTitle);

/// <summary>Who controls the field (控制力).</summary>
/// <param name="Patents">Patents of the field in the benchmark.</param>
/// <param name="Countries">Patents by the first applicant's country (CN for a Chinese region or address).</param>
/// <param name="Provinces">Chinese patents by province.</param>
/// <param name="Applicants">Leading applicants of the field.</param>
/// <param name="Cr4">Share of the four largest applicants (a patent with k applicants gives each 1/k).</param>
/// <param name="Hhi">Herfindahl–Hirschman index of applicants (0–1), same counting.</param>
/// <param name="ForeignShare">Share of patents whose first applicant is foreign, among those whose origin is known.</param>
/// <param name="Concentration">The concentration in words, with the rule.</param>
/// <param name="Basis">How countries and origins are decided.</param>
public sealed record FieldControl(long Patents, IReadOnlyList<ShareRow> Countries, IReadOnlyList<ShareRow> Provinces, ApplicantRanking Applicants, double? Cr4, double? Hhi, double? ForeignShare, string Concentration, string Basis);

/// <summary>A count with its share.</summary>
/// <param name="Code">The code (country, province).</param>
/// <param name="Name">Its name.</param>
/// <param name="Patents">Patents.</param>
/// <param name="Share">Patents ÷ the total counted.</param>
public sealed record ShareRow(string Code, string Name, long Patents, double Share);

/// <summary>定位: the place in the field.</summary>
/// <param name="Region">Share, RTA, rank among peers, growth, applicants, inventors, strongest and weakest technologies.</param>
/// <param name="HighValue">High-value invention patents of the place in the field, and the place's indicator.</param>
/// <param name="Chokepoints">The chokepoint list (卡脖子技术清单) with evidence and partners.</param>
public sealed record PositioningPart(PositioningReport Region, HighValuePart HighValue, ChokepointReport Chokepoints);

/// <summary>High-value invention patents (高价值发明专利) of the place in the field, and the place's indicator.</summary>
/// <param name="ValidInventions">Valid invention patents of the place in the field.</param>
/// <param name="HighValuePatents">Of those, meeting at least one criterion.</param>
/// <param name="Undetermined">Of those, meeting none so far with some criteria not evaluable.</param>
/// <param name="Patents">The high-value patents, most criteria met first, then most cited.</param>
/// <param name="Indicator">每万人口高价值发明专利拥有量 of the place (all industries), or null when the place has no region code.</param>
/// <param name="IndicatorRegion">The region code the indicator was computed for.</param>
/// <param name="Parameters">The high-value parameters in Chinese (评估日, 维持年限, 质押门槛, 获奖名单).</param>
public sealed record HighValuePart(long ValidInventions, long HighValuePatents, long Undetermined, IReadOnlyList<ReportPatent> Patents, HighValueIndicator? Indicator, string? IndicatorRegion, string Parameters);

/// <summary>A patent as a report lists it.</summary>
/// <param name="PublicationNumber">Publication number (公开号).</param>
/// <param name="Title">Title.</param>
/// <param name="Holder">First current holder (else first applicant).</param>
/// <param name="HolderType">Its type.</param>
/// <param name="Year">Filing year.</param>
/// <param name="CriteriaMet">High-value criteria met.</param>
/// <param name="ForwardCitations">Forward citations, when known.</param>
/// <param name="FamilySize">Family size, when known.</param>
/// <param name="Transfers">Transfers recorded, when known.</param>
/// <param name="Licences">Licences recorded, when known.</param>
/// <param name="Pledges">Pledges recorded, when known.</param>
public sealed record ReportPatent(string PublicationNumber, string? Title, string? Holder, ApplicantType HolderType, int? Year, IReadOnlyList<HighValueCriterion> CriteriaMet, int? ForwardCitations, int? FamilySize, int? Transfers, int? Licences, int? Pledges);

/// <summary>路径: what to do, in the five families of GB/T 39551, each traceable to figures of this report.</summary>
/// <param name="Recommendations">The recommendations, family by family.</param>
/// <param name="Inventors">Leading inventors of the field outside the place (talent to recruit).</param>
/// <param name="Attract">Leading domestic enterprises of the field outside the place (招商引资 candidates).</param>
/// <param name="Operation">Patent operation candidates of the place: licence or transfer (universities and institutes) and pledge (enterprises).</param>
/// <param name="OperatedPatents">Patents of the place in the field with a transfer, licence or pledge recorded.</param>
public sealed record PathsPart(IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<InventorRank> Inventors, IReadOnlyList<ApplicantRank> Attract, IReadOnlyList<OperationCandidate> Operation, long OperatedPatents);

/// <summary>A patent operation candidate (专利运营).</summary>
/// <param name="Action"><c>licence-or-transfer</c> or <c>pledge</c>.</param>
/// <param name="Patent">The patent.</param>
/// <param name="Reason">Why it is a candidate.</param>
public sealed record OperationCandidate(string Action, ReportPatent Patent, string Reason);

/// <summary>The five recommendation families of GB/T 39551-2020 part 3.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecommendationFamily>))]
public enum RecommendationFamily
{
    /// <summary>产业结构优化.</summary>
    IndustrialStructure,

    /// <summary>企业培育与招引.</summary>
    Enterprises,

    /// <summary>人才引育.</summary>
    Talent,

    /// <summary>技术创新.</summary>
    Innovation,

    /// <summary>专利运营.</summary>
    Operation,
}

/// <summary>A recommendation (发展路径建议).</summary>
/// <param name="Family">Its family.</param>
/// <param name="FamilyLabel">The family in Chinese.</param>
/// <param name="Title">A short title.</param>
/// <param name="Text">The recommendation in Chinese, with its numbers.</param>
/// <param name="Evidence">The figures it rests on, each with its path in the report's JSON.</param>
public sealed record Recommendation(RecommendationFamily Family, string FamilyLabel, string Title, string Text, IReadOnlyList<ReportFigure> Evidence);

/// <summary>A figure a recommendation rests on.</summary>
/// <param name="Label">What it is, in Chinese.</param>
/// <param name="Path">Its path in the report's JSON (camelCase, <c>positioning.region.rta</c>, <c>paths.attract[0].patents</c>).</param>
/// <param name="Value">Its value as shown.</param>
public sealed record ReportFigure(string Label, string Path, string Value);
