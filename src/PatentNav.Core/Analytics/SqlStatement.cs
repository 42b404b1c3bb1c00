namespace PatentNav.Analytics;

/// <summary>
/// One SQL statement that produced figures of an analysis, with its parameters: run it with the DuckDB CLI or Python
/// (<c>duckdb.sql(sql, params=parameters)</c>) on <c>analytics.duckdb</c> or on the exported dataset (table <c>patent</c>)
/// to reproduce the numbers.
/// </summary>
/// <param name="Purpose">Which figures it produced, e.g. <c>ranking</c> or <c>patents</c>.</param>
/// <param name="Sql">The statement as run; parameters are written <c>$name</c>.</param>
/// <param name="Parameters">The value of each parameter (strings, numbers, dates, lists of strings).</param>
/// <param name="Matched">When the request filtered by free text or applicant (search-index filters), the statement reads
/// the table <c>matched(pn)</c>: this says what it holds (the publication numbers the search index matched); otherwise null.</param>
public sealed record SqlStatement(string Purpose, string Sql, IReadOnlyDictionary<string, object?> Parameters, string? Matched = null);
