import * as React from 'react';

type AnyProps = Record<string, unknown>;

/** React 19 keeps an element's ref in its props; React 18.3 keeps it on the element (and warns on `props.ref`). */
function getElementRef(element: React.ReactElement): React.Ref<unknown> | undefined {
  const major = Number.parseInt(React.version, 10);
  if (major >= 19) return (element.props as { ref?: React.Ref<unknown> }).ref;
  return (element as unknown as { ref?: React.Ref<unknown> }).ref;
}

function setRef<T>(ref: React.Ref<T> | undefined, value: T | null) {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as React.RefObject<T | null>).current = value;
}

export function composeRefs<T>(...refs: (React.Ref<T> | undefined)[]): React.RefCallback<T> {
  return (node) => {
    for (const ref of refs) setRef(ref, node);
  };
}

/** The slot's props under the child's: handlers both run (the child's first), classes and styles merge. */
function mergeProps(slotProps: AnyProps, childProps: AnyProps): AnyProps {
  const merged: AnyProps = { ...slotProps, ...childProps };
  for (const name of Object.keys(slotProps)) {
    const slotValue = slotProps[name];
    const childValue = childProps[name];
    if (/^on[A-Z]/.test(name) && typeof slotValue === 'function' && typeof childValue === 'function') {
      merged[name] = (...args: unknown[]) => {
        childValue(...args);
        slotValue(...args);
      };
    } else if (name === 'className' && slotValue && childValue) {
      merged[name] = `${slotValue} ${childValue}`;
    } else if (name === 'style' && slotValue && childValue) {
      merged[name] = { ...(slotValue as object), ...(childValue as object) };
    } else if (childValue === undefined) {
      merged[name] = slotValue;
    }
  }
  return merged;
}

/**
 * `asChild` for the kit's buttons, with Radix Slot semantics: renders the single child element with this
 * component's props (ARIA, `data-state`, handlers, ref) merged in. The child's own handlers run first.
 */
export const Slot = React.forwardRef<HTMLElement, AnyProps & { children?: React.ReactNode }>(function Slot(
  { children, ...slotProps },
  forwardedRef,
) {
  if (!React.isValidElement<AnyProps>(children) || React.Children.count(children) !== 1) {
    throw new Error('bgfetch: `asChild` expects a single React element as its child.');
  }
  return React.cloneElement(children, {
    ...mergeProps(slotProps, children.props),
    ref: composeRefs(forwardedRef, getElementRef(children)),
  });
});
Slot.displayName = 'Slot';
