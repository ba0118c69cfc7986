/**
 * @types/jest types the asymmetric matchers (`expect.any(String)`, `expect.objectContaining({…})`) as `any`,
 * which would let a matcher flow unchecked into typed code. These overloads, merged ahead of @types/jest's own,
 * type them `unknown`: they still go anywhere an expected value goes (toEqual, toMatchObject), and nowhere else
 * without an explicit assertion.
 */
declare global {
  namespace jest {
    interface Expect {
      any(classType: unknown): unknown;
      anything(): unknown;
      objectContaining(obj: object): unknown;
      arrayContaining(arr: readonly unknown[]): unknown;
      stringMatching(str: string | RegExp): unknown;
      stringContaining(str: string): unknown;
      closeTo(num: number, numDigits?: number): unknown;
    }
  }
}

export {};
