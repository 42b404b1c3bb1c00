using System.Net;
using System.Text;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>
/// Malformed and pathological queries against GET /api/search: each answers 200 (a valid query) or 400 with a ProblemDetails
/// naming the problem — never 500, never a hang.
/// </summary>
/// <remarks>A URL longer than Kestrel's request-line limit gets 414 from the server itself in production; TestServer does not
/// enforce that limit, so the 10 KB query here tests what the endpoint does with it.</remarks>
public sealed class SearchHostileQueryTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    // Far above any real search over 25 documents; only a runaway query expansion or parser loop comes near it.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const int Ok = 200;
    private const int Bad = 400;

    public static TheoryData<string, string, int[]> Cases()
    {
        static string Q(string q) => "/api/search?q=" + Uri.EscapeDataString(q);
        var data = new TheoryData<string, string, int[]>
        {
            { "1,000 nested parentheses", Q(new string('(', 1000) + "电池" + new string(')', 1000)), [Bad] },
            { "1,000 unclosed parentheses", Q(new string('(', 1000) + "电池"), [Bad] },
            { "1,999-char query", Q(string.Concat(Enumerable.Repeat("电池 ", 700))[..1999]), [Ok, Bad] },
            { "10 KB query", Q(new string('a', 10 * 1024)), [Bad] },
            { "star alone", Q("*"), [Ok, Bad] },
            { "ipc star", Q("ipc:*"), [Ok, Bad] },
            { "pn star", Q("pn:*"), [Ok, Bad] },
            { "leading wildcard", Q("*池"), [Ok, Bad] },
            { "leading wildcard in field", Q("title:*装置"), [Ok, Bad] },
            { "leading question mark", Q("?池"), [Ok, Bad] },
            { "inner wildcard", Q("a*b"), [Ok, Bad] },
            { "many wildcards", Q(string.Concat(Enumerable.Repeat("a*", 200))), [Ok, Bad] },
            { "fuzzy", Q("battery~"), [Ok, Bad] },
            { "fuzzy with distance", Q("电池~2"), [Ok, Bad] },
            { "regex", Q("/x/"), [Ok, Bad] },
            { "catastrophic regex", Q("title:/(a+)+b.*.*.*/"), [Ok, Bad] },
            { "unbalanced quote", Q("\"碳纤维复合材料"), [Ok, Bad] },
            { "lone quote", Q("\""), [Ok, Bad] },
            { "NUL characters", Q("电\0池\0"), [Ok, Bad] },
            { "URL-encoded lone surrogate", "/api/search?q=%ED%A0%80%E7%94%B5", [Ok, Bad] },
            { "percent-u lone surrogate", "/api/search?q=%uD800", [Ok, Bad] },
            { "300 OR clauses", Q(string.Join(" OR ", Enumerable.Range(0, 300).Select(i => "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))), [Ok, Bad] },
            { "dangling operators", Q("AND OR NOT"), [Ok, Bad] },
            { "empty field", Q("title:"), [Ok, Bad] },
            { "unknown field", Q("nosuchfield:x"), [Ok, Bad] },
            { "range with star", Q("date:[* TO *]"), [Ok, Bad] },
            { "backslash at end", Q("电池\\"), [Ok, Bad] },
            { "size -1", "/api/search?q=%E7%94%B5&size=-1", [Bad] },
            { "size 1,000,000", "/api/search?q=%E7%94%B5&size=1000000", [Bad] },
            { "size not a number", "/api/search?size=abc", [Bad] },
            { "size overflow", "/api/search?size=99999999999999999999", [Bad] },
            { "facetSize 0", "/api/search?facets=year&facetSize=0", [Bad] },
            { "from 2020-02-30", "/api/search?from=2020-02-30", [Bad] },
            { "to garbage", "/api/search?to=%00%FF", [Bad] },
            { "cursor garbage", "/api/search?cursor=garbage!!", [Bad] },
            { "cursor valid base64 of garbage", "/api/search?cursor=" + Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"x\":[1,2,3]}"))), [Bad] },
            { "cursor huge", "/api/search?cursor=" + new string('A', 8000), [Bad] },
            { "unknown facet", "/api/search?facets=nosuchfacet", [Bad] },
            { "unknown sort", "/api/search?sort=%00", [Bad] },
            { "unknown kind", "/api/search?kind=%FF%FE", [Bad] },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Search_HostileQuery_AnswersOkOrProblemWithinBoundedTime(string name, string url, int[] allowed)
    {
        using var client = factory.CreateClient();
        using var timeout = new CancellationTokenSource(RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"{name}: no answer within {RequestTimeout.TotalSeconds} s");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"{name}: {status} {text}");
            Assert.True(allowed.Contains(status), $"{name}: expected {string.Join(" or ", allowed)}, got {status}: {text}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var body = await response.ReadJsonAsync();
                Assert.Equal(status, body.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(body.Str("title")), $"{name}: a problem without a title: {text}");
                Assert.False(string.IsNullOrWhiteSpace(body.Str("detail")), $"{name}: a problem without a detail naming it: {text}");
            }
        }
    }
}
