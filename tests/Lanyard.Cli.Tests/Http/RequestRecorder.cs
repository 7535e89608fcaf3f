namespace Lanyard.Cli.Tests.Http;

/// <summary>Keeps the body of every request as it goes out on the wire.</summary>
internal sealed class RequestRecorder(List<string> bodies) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
