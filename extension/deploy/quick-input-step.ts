/**
 * One step of a multi-step input: a QuickPick or an InputBox titled "step i of n", with a Back
 * button from the second step on. Each resolves to the choice, `back`, or `cancel` (Escape).
 */
import { QuickInputButtons, window } from 'vscode';
import type { QuickPickItem } from 'vscode';
import type { PickItem } from './deploy-flow-steps.ts';

export const BACK = 'back';
export const CANCEL = 'cancel';
export type StepAnswer<T> = { readonly value: T } | typeof BACK | typeof CANCEL;

export interface StepFrame {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly placeholder: string;
}

type ValueItem<T> = QuickPickItem & { readonly value: T };

/**
 * A QuickPick over `items`; with `typed`, a value typed that matches no item is taken as is when
 * `typed` accepts it (returns no error).
 */
export function pickStep<T>(
  frame: StepFrame,
  items: readonly PickItem<T>[],
  typed?: { readonly value: (text: string) => T; readonly error: (text: string) => string | undefined },
): Promise<StepAnswer<T>> {
  const pick = window.createQuickPick<ValueItem<T>>();
  pick.title = frame.title;
  pick.step = frame.step;
  pick.totalSteps = frame.totalSteps;
  pick.placeholder = frame.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.items = items.map((item) => ({ ...item }));
  pick.buttons = frame.step > 1 ? [QuickInputButtons.Back] : [];
  return new Promise<StepAnswer<T>>((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer<T>): void => {
      if (done) return;
      done = true;
      resolve(answer);
      pick.hide();
    };
    pick.onDidTriggerButton((button) => {
      if (button === QuickInputButtons.Back) finish(BACK);
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) return finish({ value: chosen.value });
      if (!typed || pick.value === '') return;
      // The QuickPick of this VS Code API has no validation message: the title says what is wrong.
      const error = typed.error(pick.value);
      if (error === undefined) finish({ value: typed.value(pick.value) });
      else pick.title = `${frame.title}: ${error}`;
    });
    pick.onDidHide(() => {
      finish(CANCEL);
      pick.dispose();
    });
    pick.show();
  });
}

/** An InputBox whose value must pass `validate` (an error message, or undefined when it is fine). */
export function inputStep(
  frame: StepFrame & { readonly value?: string; readonly prompt?: string; readonly password?: boolean },
  validate: (text: string) => string | undefined,
): Promise<StepAnswer<string>> {
  const input = window.createInputBox();
  input.title = frame.title;
  input.step = frame.step;
  input.totalSteps = frame.totalSteps;
  input.placeholder = frame.placeholder;
  input.prompt = frame.prompt;
  input.value = frame.value ?? '';
  input.ignoreFocusOut = true;
  input.buttons = frame.step > 1 ? [QuickInputButtons.Back] : [];
  return new Promise<StepAnswer<string>>((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer<string>): void => {
      if (done) return;
      done = true;
      resolve(answer);
      input.hide();
    };
    input.onDidTriggerButton((button) => {
      if (button === QuickInputButtons.Back) finish(BACK);
    });
    input.onDidChangeValue((text) => {
      input.validationMessage = text === '' ? undefined : validate(text);
    });
    input.onDidAccept(() => {
      const error = validate(input.value);
      if (error === undefined) finish({ value: input.value });
      else input.validationMessage = error;
    });
    input.onDidHide(() => {
      finish(CANCEL);
      input.dispose();
    });
    input.show();
  });
}
