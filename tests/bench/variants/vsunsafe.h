/* vsunsafe: the value stack is not checked on every push (DUK_USE_VALSTACK_UNSAFE). */
#define DUK_USE_VALSTACK_UNSAFE
