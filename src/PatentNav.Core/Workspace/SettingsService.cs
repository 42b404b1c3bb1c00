using System.Globalization;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Internal;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Storage;
using PatentNav.Taxonomy;

namespace PatentNav.Workspace;

/// <summary>The workspace's editable settings: the place catalogue (places and parks), the city's industry chains and the
/// reference lists of the high-value indicators, each a validated JSON document in the data directory.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently; changes of one document are applied one at a time.</remarks>
public sealed class SettingsService
{
    private const int BatchSize = 512;
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly ILogger _logger;
    private readonly StoredDocument<PlaceCatalog> _places;
    private readonly StoredDocument<ReferenceLists> _references;
    private readonly StoredDocument<CityTaxonomy> _city;

    internal SettingsService(WorkspaceCore core, StoredDocument<CityTaxonomy> city)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
        _logger = core.Logger;
        var data = _options.DataDirectory;
        _places = new(Path.Combine(data, "places", "places.json"), "place catalogue", json => PlaceCatalog.Parse(json), p => p.ToJson(), () => PlaceCatalog.Default);
        _references = new(Path.Combine(data, "reference", "lists.json"), "reference lists", ReferenceLists.FromJson, r => r.ToJson(), () => ReferenceLists.Empty);
        _city = city;
    }

    /// <summary>The file the place catalogue is read from and <see cref="SetPlacesAsync"/> writes to
    /// (<c>&lt;DataDirectory&gt;/places/places.json</c>); without it the embedded default for 连云港 applies.</summary>
    public string PlacesPath => _places.Path;

    /// <summary>The place catalogue: the stored one, else <see cref="PlaceCatalog.Default"/>.</summary>
    /// <exception cref="InvalidOperationException">The stored file is invalid (it was edited by hand); the message names the problem.</exception>
    public PlaceCatalog Places => _places.Current;

    /// <summary>Validates a place catalogue (JSON, docs/places.md), stores it in <see cref="PlacesPath"/> and makes it current.</summary>
    /// <exception cref="PlaceValidationException">The document is invalid; nothing is stored or changed.</exception>
    public Task<PlaceCatalog> SetPlacesAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        return _places.ReplaceAsync(PlaceCatalog.Parse(json), cancellationToken);
    }

    /// <summary>The taxonomies (SEI–IPC 2021 and the city's chains) that new documents are indexed with and industry filters
    /// resolve against.</summary>
    public IndustryTaxonomies Taxonomies => _core.Taxonomies;

    /// <summary>The file the city taxonomy is read from and <see cref="SetCityTaxonomyAsync"/> writes to.</summary>
    public string CityTaxonomyPath => _city.Path;

    /// <summary>
    /// Whether every stored record's indexed industries come from the current <see cref="Taxonomies"/>; false after the city
    /// taxonomy changed until <see cref="ReapplyTaxonomyAsync"/> has run.
    /// </summary>
    public bool IndustriesAreCurrent =>
        _index.DocumentCount == 0 || string.Equals(_core.CommittedTaxonomy, Taxonomies.Fingerprint, StringComparison.Ordinal);

    /// <summary>
    /// Validates a city taxonomy (JSON, see docs/taxonomy.md), stores it in <see cref="CityTaxonomyPath"/> and makes it
    /// current: new imports and industry filters use it at once; records already stored keep their indexed industries until
    /// <see cref="ReapplyTaxonomyAsync"/> re-indexes them.
    /// </summary>
    /// <exception cref="TaxonomyValidationException">The document is invalid; nothing is stored or changed.</exception>
    public async Task<CityTaxonomy> SetCityTaxonomyAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var city = await _city.ReplaceAsync(CityTaxonomy.Parse(json, Taxonomies.Sei), cancellationToken).ConfigureAwait(false);
        _core.Taxonomies = new IndustryTaxonomies(Taxonomies.Sei, city);
        return city;
    }

    /// <summary>
    /// Re-indexes every stored record from its stored JSON with the current <see cref="Taxonomies"/>, without re-importing
    /// (records are unchanged; only their derived industry fields change). Waits for running imports and blocks new ones
    /// while it runs; searches continue and see re-indexed records within the refresh interval.
    /// </summary>
    /// <param name="progress">Receives progress after every batch of 512 records.</param>
    /// <param name="cancellationToken">Stops after the current batch; records re-indexed so far are committed, and
    /// <see cref="IndustriesAreCurrent"/> stays false until a complete run.</param>
    public async Task<TaxonomyReapplyReport> ReapplyTaxonomyAsync(IProgress<TaxonomyReapplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _core.ThrowIfDisposed();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _core.Shutdown);
        await _core.ImportGate.WaitAsync(cts.Token).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Reapply(progress, cts.Token), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _core.ImportGate.Release();
        }
    }

    private TaxonomyReapplyReport Reapply(IProgress<TaxonomyReapplyProgress>? progress, CancellationToken cancellationToken)
    {
        var taxonomies = Taxonomies;
        var started = _options.TimeProvider.GetTimestamp();
        var total = _index.DocumentCount;
        long done = 0;
        var completed = false;
        using (var indexer = new ParallelIndexer(_index, Environment.ProcessorCount, 4 * BatchSize))
        {
            try
            {
                var batch = new List<PatentRecord>(BatchSize);
                foreach (var record in _index.ReadAll(cancellationToken))
                {
                    batch.Add(record);
                    if (batch.Count == BatchSize)
                    {
                        indexer.Add(batch);
                        done += batch.Count;
                        batch = new List<PatentRecord>(BatchSize);
                        progress?.Report(new TaxonomyReapplyProgress(done, total));
                    }
                }

                indexer.Add(batch);
                done += batch.Count;
                completed = true;
            }
            finally
            {
                indexer.Drain();
                var previous = _core.CommittedTaxonomy ?? string.Empty;
                _index.Commit(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["reapply"] = completed ? "completed" : "cancelled",
                    ["rowsCommitted"] = done.ToString(CultureInfo.InvariantCulture),
                    ["committedAt"] = _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                    [WorkspaceCore.TaxonomyCommitKey] = completed ? taxonomies.Fingerprint : previous,
                });

                // Industries are columns of the store: its rows are derived anew from the re-indexed records, also after a
                // cancelled re-apply (part of the records changed). Not cancellable by the caller: the store must match.
                _core.Store.RebuildStore("the city taxonomy was re-applied", _core.Shutdown);
                _core.Committed();
            }
        }

        progress?.Report(new TaxonomyReapplyProgress(done, total));
        _logger.LogInformation("Re-applied taxonomy {Fingerprint} to {Records} records", taxonomies.Fingerprint, done);
        return new TaxonomyReapplyReport(done, _options.TimeProvider.GetElapsedTime(started), taxonomies.Fingerprint, _options.TimeProvider.GetUtcNow());
    }

    /// <summary>The reference lists stored with the workspace (pledge amounts, award-winning patents, population).</summary>
    public ReferenceLists References => _references.Current;

    /// <summary>
    /// Replaces one reference list from a CSV file (see <see cref="ReferenceLists"/> for the columns) and stores it with the
    /// workspace. The whole file is checked first: any bad row refuses it and the stored list stays as it was.
    /// </summary>
    /// <returns>The lists now stored.</returns>
    /// <exception cref="ReferenceListException">A missing column or bad rows (row, column, value, reason).</exception>
    public Task<ReferenceLists> SetReferenceListAsync(ReferenceListKind kind, byte[] csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var parsed = ReferenceLists.Parse(kind, csv);
        return _references.UpdateAsync(
            current => kind switch
            {
                ReferenceListKind.PledgeAmounts => current with { PledgeAmounts = (IReadOnlyDictionary<string, decimal>)parsed },
                ReferenceListKind.Awards => current with { Awards = (IReadOnlyDictionary<string, string>)parsed },
                _ => current with { Population = (IReadOnlyList<PopulationEntry>)parsed },
            },
            cancellationToken);
    }

    /// <summary>The city taxonomy document of a data directory and the taxonomies it makes, read when the workspace opens.</summary>
    /// <exception cref="InvalidOperationException">The stored city taxonomy is invalid.</exception>
    internal static (StoredDocument<CityTaxonomy> Document, IndustryTaxonomies Taxonomies) OpenCityTaxonomy(PatentWorkspaceOptions options)
    {
        var path = options.CityTaxonomyPath ?? Path.Combine(options.DataDirectory, "taxonomy", "city.json");
        var document = new StoredDocument<CityTaxonomy>(path, "city taxonomy", json => CityTaxonomy.Parse(json, SeiIpcTaxonomy.Default), c => c.ToJson(), () => IndustryTaxonomies.Default.City);
        return (document, File.Exists(path) ? new IndustryTaxonomies(SeiIpcTaxonomy.Default, document.Current) : IndustryTaxonomies.Default);
    }
}
