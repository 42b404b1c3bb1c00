namespace PatentNav.Taxonomy;

/// <summary>Progress of <see cref="Workspace.SettingsService.ReapplyTaxonomyAsync"/>.</summary>
/// <param name="Done">Records re-indexed so far.</param>
/// <param name="Total">Records stored when the run started.</param>
public sealed record TaxonomyReapplyProgress(long Done, long Total);

/// <summary>The outcome of re-applying the taxonomies to every stored record.</summary>
/// <param name="Records">Records re-indexed.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Fingerprint">The taxonomies' fingerprint now stored with the index commit.</param>
/// <param name="FinishedAt">When it finished.</param>
public sealed record TaxonomyReapplyReport(long Records, TimeSpan Elapsed, string Fingerprint, DateTimeOffset FinishedAt);
