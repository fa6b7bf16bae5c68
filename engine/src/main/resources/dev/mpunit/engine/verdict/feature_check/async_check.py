# mpunit feature check: do async and await compile? A SyntaxError prints a
# traceback instead of "async".
async def waits():
    await waits()


print("async")
