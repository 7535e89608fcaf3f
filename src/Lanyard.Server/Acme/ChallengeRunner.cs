using Lanyard.Acme;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

/// <summary>
/// Runs a challenge's validation apart from the request that triggered it, so a slow workload
/// holds no client connection: the request waits a moment for the outcome, and a client that
/// arrives before it polls the authorization, which answers with <c>Retry-After</c> meanwhile.
/// </summary>
internal sealed class ChallengeRunner(ChallengeValidator validator, AcmeOrders orders,
    IHostApplicationLifetime lifetime, ILogger<ChallengeRunner> logger)
{
    /// <summary>How long the triggering request waits before answering "processing".</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>Starts validating; completes when the outcome is recorded or <see cref="Patience"/> has passed.</summary>
    public async Task StartAsync(AcmeAccount account, AcmeChallenge challenge, AcmeAuthorization authorization)
    {
        var keyAuthorization = challenge.Token + "." + account.KeyThumbprint;
        var stopping = lifetime.ApplicationStopping;
        var validation = Task.Run(async () =>
        {
            AcmeProblem? problem;
            try
            {
                problem = await validator.ValidateAsync(challenge.Type, authorization.Name, challenge.Token, keyAuthorization, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AcmeValidationError(logger, e, authorization.Name, challenge.Type);
                problem = AcmeProblem.ServerInternal("Validation failed inside Lanyard; try the challenge again in a new order.");
            }

            if (problem is not null)
            {
                Log.AcmeChallengeFailed(logger, account.Environment, challenge.Type, authorization.Name, problem.Type);
            }

            await orders.CompleteValidationAsync(challenge.Id, problem, stopping);
        }, stopping);

        try
        {
            await validation.WaitAsync(Patience, stopping);
        }
        catch (TimeoutException)
        {
            // Still running; the client polls and sees the outcome when it is recorded.
        }
    }
}
