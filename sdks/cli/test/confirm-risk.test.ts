import { describe, expect, it } from 'vitest';
import { confirmRisk, riskOf } from '../src/api/confirm-risk.js';
import { UsageError } from '../src/errors/exit-codes.js';
import { COMMANDS } from '../src/generated/commands.js';

const byOperation = (id: string) => COMMANDS.find((c) => c.operationId === id)!;

describe('risky commands (x-moves-money / x-destructive from the generated table)', () => {
  it('names the risk the contract marks, and none for a plain read', () => {
    expect(riskOf(byOperation('createVerification'))).toBe('moves money');
    expect(riskOf(byOperation('deleteWebhookEndpoint'))).toBe('cannot be undone');
    expect(riskOf(byOperation('listVerifications'))).toBeUndefined();
  });

  it('asks at a terminal and stops on anything but yes', async () => {
    const asked: string[] = [];
    const prompt = (answer: string) => ({
      yes: false,
      interactive: true,
      ask: async (question: string) => {
        asked.push(question);
        return answer;
      },
    });
    await expect(confirmRisk(byOperation('createVerification'), prompt('n'))).rejects.toBeInstanceOf(UsageError);
    await expect(confirmRisk(byOperation('createVerification'), prompt(''))).rejects.toThrow(/not confirmed/);
    await expect(confirmRisk(byOperation('createVerification'), prompt('y'))).resolves.toBeUndefined();
    expect(asked[0]).toBe('verifications create moves money. Continue? [y/N] ');
  });

  it('does not ask with --yes, off a terminal, or for a command without risk', async () => {
    const never = async (): Promise<string> => {
      throw new Error('asked');
    };
    await confirmRisk(byOperation('createVerification'), { yes: true, interactive: true, ask: never });
    await confirmRisk(byOperation('revokeApiKey'), { yes: false, interactive: false, ask: never });
    await confirmRisk(byOperation('listVerifications'), { yes: false, interactive: true, ask: never });
  });
});
