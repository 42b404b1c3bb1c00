using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Storage;

/// <summary>
/// Turns a <see cref="PatentFilter"/> into a Lucene query: the advanced query string through a parser that knows the
/// documented field names, and the typed filters as keyword and range clauses.
/// </summary>
internal static partial class QueryTranslator
{
    private static readonly QueryBuilder BigramBuilder = new(PatentAnalyzers.Bigrams);
    private static readonly QueryBuilder WordBuilder = new(PatentAnalyzers.Words);

    /// <summary>Builds the query; throws <see cref="QuerySyntaxException"/> naming the parameter and position.</summary>
    public static Query Build(PatentFilter request, IndustryTaxonomies taxonomies)
    {
        // Filters go in a separate boolean query applied as a Lucene filter so that they do not change the BM25 score.
        var root = new BooleanQuery();
        Query scoring = string.IsNullOrWhiteSpace(request.Query) ? new MatchAllDocsQuery() : ParseQueryString(request.Query, taxonomies);

        if (!string.IsNullOrWhiteSpace(request.Industry))
        {
            root.Add(IndustryQuery(taxonomies, request.Industry, "industry"), Occur.MUST);
        }

        if (request.Ipc.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var text in request.Ipc)
            {
                any.Add(IpcQuery(IndexSchema.Ipc, text, "ipc"), Occur.SHOULD);
            }

            root.Add(any, Occur.MUST);
        }

        if (!string.IsNullOrWhiteSpace(request.Applicant))
        {
            root.Add(NameQuery(IndexSchema.Applicant, IndexSchema.ApplicantBigrams, request.Applicant), Occur.MUST);
        }

        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            root.Add(new TermQuery(new Term(IndexSchema.Region, TextNormalizer.Clean(request.Region))), Occur.MUST);
        }

        if (request.Kind is { } kind)
        {
            root.Add(new TermQuery(new Term(IndexSchema.Kind, IndexSchema.KindValue(kind))), Occur.MUST);
        }

        if (request.Status is { } status)
        {
            root.Add(new TermQuery(new Term(IndexSchema.Status, IndexSchema.StatusValue(status))), Occur.MUST);
        }

        if (request.From is not null || request.To is not null)
        {
            if (request.From is { } f && request.To is { } t && f > t)
            {
                throw new InvalidRequestException($"'from' ({f:yyyy-MM-dd}) is after 'to' ({t:yyyy-MM-dd})", parameter: "from");
            }

            var field = DateFieldName(request.DateField);
            root.Add(
                IndexSchema.DateRange(field, request.From is { } from ? IndexSchema.DateValue(from) : null, request.To is { } to ? IndexSchema.DateValue(to) : null, true, true),
                Occur.MUST);
        }

        return root.Clauses.Count == 0 ? scoring : new FilteredQuery(scoring, new QueryWrapperFilter(root));
    }

    /// <summary>The Lucene field of a date choice.</summary>
    public static string DateFieldName(DateField field) => field switch
    {
        DateField.Publication => IndexSchema.Published,
        DateField.Grant => IndexSchema.Granted,
        _ => IndexSchema.Filed,
    };

    /// <summary>The query for free text on a set of text fields: see <see cref="PatentFilter.Query"/>.</summary>
    /// <remarks>A contiguous phrase in the bigram shadow fields must match (recall for words SmartCn cannot segment);
    /// the SmartCn word fields add to the score (precision and word-level IDF). Title counts double.</remarks>
    public static Query TextQuery(string text, IReadOnlyList<string> wordFields)
    {
        var must = new BooleanQuery();
        var should = new BooleanQuery();
        foreach (var field in wordFields)
        {
            var boost = field == IndexSchema.Title ? 2f : 1f;
            var phrase = BigramBuilder.CreatePhraseQuery(field + IndexSchema.BigramSuffix, text);
            if (phrase is not null)
            {
                phrase.Boost = boost;
                must.Add(phrase, Occur.SHOULD);
            }

            var words = WordBuilder.CreateBooleanQuery(field, text, Occur.SHOULD);
            if (words is not null)
            {
                words.Boost = boost;
                should.Add(words, Occur.SHOULD);
            }
        }

        if (must.Clauses.Count == 0)
        {
            // Only stop words or punctuation: nothing to match (the caller's other clauses decide).
            return new BooleanQuery();
        }

        var q = new BooleanQuery { { must, Occur.MUST } };
        if (should.Clauses.Count > 0)
        {
            q.Add(should, Occur.SHOULD);
        }

        return q;
    }

    /// <summary>An IPC prefix query at the level the text names.</summary>
    public static Query IpcQuery(string field, string text, string parameter)
    {
        var parsed = IpcCode.TryParse(text.TrimEnd('*'));
        if (!parsed.Success)
        {
            throw parameter == "q" ? new QuerySyntaxException(parsed.Error, parameter: parameter) : new InvalidRequestException(parsed.Error, parameter);
        }

        return new TermQuery(new Term(field, parsed.Value.Key));
    }

    /// <summary>Any of the industry tokens a filter value stands for.</summary>
    public static Query IndustryQuery(IndustryTaxonomies taxonomies, string text, string parameter)
    {
        var tokens = taxonomies.ResolveFilter(text, parameter);
        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(IndexSchema.Industry, tokens[0]));
        }

        var any = new BooleanQuery();
        foreach (var t in tokens)
        {
            any.Add(new TermQuery(new Term(IndexSchema.Industry, t)), Occur.SHOULD);
        }

        return any;
    }

    /// <summary>An exact (normalised) name, or a part of a name as a bigram phrase.</summary>
    public static Query NameQuery(string keywordField, string bigramField, string text)
    {
        var q = new BooleanQuery { { new TermQuery(new Term(keywordField, IndexSchema.NameKey(text))), Occur.SHOULD } };
        if (BigramBuilder.CreatePhraseQuery(bigramField, text) is { } phrase)
        {
            q.Add(phrase, Occur.SHOULD);
        }

        return q;
    }

    private static Query ParseQueryString(string text, IndustryTaxonomies taxonomies)
    {
        if (text.Length > SearchLimits.MaxQueryLength)
        {
            throw new InvalidRequestException($"the query is {text.Length} characters long; at most {SearchLimits.MaxQueryLength} are accepted", "q");
        }

        var parser = new PatentQueryParser(taxonomies);
        try
        {
            return parser.Parse(text);
        }
        catch (QuerySyntaxException)
        {
            throw;
        }
        catch (ParseException ex)
        {
            throw new QuerySyntaxException(Describe(ex), PositionOf(ex), "q");
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new InvalidRequestException($"the query expands to more than {BooleanQuery.MaxClauseCount} clauses; narrow wildcards or split it", parameter: "q");
        }
    }

    private static string Describe(ParseException ex)
    {
        var message = ex.Message;
        var inner = message.IndexOf(": ", StringComparison.Ordinal);
        if (message.StartsWith("Cannot parse", StringComparison.Ordinal) && inner > 0)
        {
            message = message[(inner + 2)..];
        }

        message = message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        message = Regex.Replace(message, @"\s+Was expecting( one of)?:.*$", string.Empty, RegexOptions.Singleline | RegexOptions.CultureInvariant);
        return "query syntax error: " + message.Trim();
    }

    private static int? PositionOf(ParseException ex)
    {
        if (ex.CurrentToken?.Next is { } next && next.BeginColumn > 0)
        {
            return next.BeginColumn;
        }

        var m = ColumnInMessage().Match(ex.Message);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^(1[89]|2[0-2])\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"column (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ColumnInMessage();

    /// <summary>The classic Lucene syntax, with the documented field names mapped onto the index's fields.</summary>
    private sealed class PatentQueryParser : QueryParser
    {
        private static readonly string[] AllText = [IndexSchema.Title, IndexSchema.Abstract, IndexSchema.Claims];

        private readonly IndustryTaxonomies _taxonomies;

        public PatentQueryParser(IndustryTaxonomies taxonomies)
            : base(LuceneVersion.LUCENE_48, "text", IndexSchema.Analyzer)
        {
            _taxonomies = taxonomies;
            DefaultOperator = AND_OPERATOR;
            AllowLeadingWildcard = false;
            AutoGeneratePhraseQueries = true;
        }

        protected override Query GetFieldQuery(string field, string queryText, bool quoted) =>
            FieldQuery(field, queryText);

        protected override Query GetFieldQuery(string field, string queryText, int slop) =>
            FieldQuery(field, queryText);

        private Query FieldQuery(string field, string text) =>
            string.Equals(Known(field), "industry", StringComparison.Ordinal)
                ? IndustryQuery(_taxonomies, text, "q")
                : StaticFieldQuery(field, text);

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            var name = Known(field);
            if (name is not ("filed" or "published" or "granted"))
            {
                throw new QuerySyntaxException($"ranges are supported on filed, published and granted, not on '{field}'", parameter: "q");
            }

            int? Bound(string s, string which)
            {
                if (s == "*")
                {
                    return null;
                }

                if (YearOnly().IsMatch(s))
                {
                    // A year bound covers the whole year: [2020 TO 2021] is 2020-01-01 … 2021-12-31.
                    var year = int.Parse(s, CultureInfo.InvariantCulture);
                    return which == "start" ? (year * 10000) + 101 : (year * 10000) + 1231;
                }

                var d = PatentDate.TryParse(s);
                return d.Success ? IndexSchema.DateValue(d.Value) : throw new QuerySyntaxException($"range {which} of {field}: {d.Error}", parameter: "q");
            }

            var fieldName = name switch { "published" => IndexSchema.Published, "granted" => IndexSchema.Granted, _ => IndexSchema.Filed };
            return IndexSchema.DateRange(fieldName, Bound(part1, "start"), Bound(part2, "end"), startInclusive, endInclusive);
        }

        protected override Query GetPrefixQuery(string field, string termStr)
        {
            var name = Known(field);
            return name switch
            {
                "ipc" => IpcQuery(IndexSchema.Ipc, termStr, "q"),
                "mainipc" => IpcQuery(IndexSchema.MainIpc, termStr, "q"),
                "pn" => new PrefixQuery(new Term(IndexSchema.Pn, TextNormalizer.Clean(termStr).ToUpperInvariant())),
                "an" => new PrefixQuery(new Term(IndexSchema.An, TextNormalizer.Clean(termStr).ToUpperInvariant())),
                _ => throw new QuerySyntaxException($"prefix queries (*) are supported on ipc, mainipc, pn and an, not on '{field}'; Chinese words match inside longer text without *", parameter: "q"),
            };
        }

        protected override Query GetWildcardQuery(string field, string termStr) =>
            throw new QuerySyntaxException($"wildcards other than a trailing * are not supported (in '{field}:{termStr}')", parameter: "q");

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            throw new QuerySyntaxException($"fuzzy queries (~) are not supported (in '{field}:{termStr}')", parameter: "q");

        protected override Query GetRegexpQuery(string field, string termStr) =>
            throw new QuerySyntaxException($"regular expressions are not supported (in '{field}:/{termStr}/')", parameter: "q");

        private static string Known(string field)
        {
            var name = field.ToLowerInvariant();
            return QueryFields.Descriptions.ContainsKey(name)
                ? name
                : throw new QuerySyntaxException($"unknown field '{field}'; use one of: {string.Join(", ", QueryFields.Descriptions.Keys)}", parameter: "q");
        }

        private static Query StaticFieldQuery(string field, string text)
        {
            var name = Known(field);
            switch (name)
            {
                case "text":
                    return TextQuery(text, AllText);
                case "title":
                case "abstract":
                case "claims":
                    return TextQuery(text, [name]);
                case "applicant":
                    return NameQuery(IndexSchema.Applicant, IndexSchema.ApplicantBigrams, text);
                case "inventor":
                    return NameQuery(IndexSchema.Inventor, IndexSchema.InventorBigrams, text);
                case "ipc":
                    return IpcQuery(IndexSchema.Ipc, text, "q");
                case "mainipc":
                    return IpcQuery(IndexSchema.MainIpc, text, "q");
                case "pn":
                    var pn = PublicationNumber.TryParse(text);
                    return pn.Success ? new TermQuery(new Term(IndexSchema.Pn, pn.Value.Value)) : throw new QuerySyntaxException(pn.Error, parameter: "q");
                case "an":
                    var an = ApplicationNumber.TryParse(text);
                    return an.Success ? new TermQuery(new Term(IndexSchema.An, an.Value.Value)) : throw new QuerySyntaxException(an.Error, parameter: "q");
                case "region":
                    return new TermQuery(new Term(IndexSchema.Region, TextNormalizer.Clean(text)));
                case "kind":
                    return Enum.TryParse<PatentKind>(text, ignoreCase: true, out var kind)
                        ? new TermQuery(new Term(IndexSchema.Kind, IndexSchema.KindValue(kind)))
                        : throw new QuerySyntaxException($"unknown kind '{text}'; use one of: {string.Join(", ", Enum.GetNames<PatentKind>())}", parameter: "q");
                case "status":
                    return Enum.TryParse<LegalStatus>(text, ignoreCase: true, out var status)
                        ? new TermQuery(new Term(IndexSchema.Status, IndexSchema.StatusValue(status)))
                        : throw new QuerySyntaxException($"unknown status '{text}'; use one of: {string.Join(", ", Enum.GetNames<LegalStatus>())}", parameter: "q");
                default:
                    // filed / published / granted with a single date or a year.
                    var f = name switch { "published" => IndexSchema.Published, "granted" => IndexSchema.Granted, _ => IndexSchema.Filed };
                    if (YearOnly().IsMatch(text))
                    {
                        var year = int.Parse(text, CultureInfo.InvariantCulture);
                        return IndexSchema.DateRange(f, (year * 10000) + 101, (year * 10000) + 1231, true, true);
                    }

                    var d = PatentDate.TryParse(text);
                    if (!d.Success)
                    {
                        throw new QuerySyntaxException($"{name}: {d.Error}", parameter: "q");
                    }

                    var v = IndexSchema.DateValue(d.Value);
                    return IndexSchema.DateRange(f, v, v, true, true);
            }
        }
    }
}
